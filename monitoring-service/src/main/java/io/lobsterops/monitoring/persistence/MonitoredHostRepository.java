package io.lobsterops.monitoring.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.MonitoredHost;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MonitoredHostRepository implements PanacheRepositoryBase<MonitoredHost, UUID> {
}
