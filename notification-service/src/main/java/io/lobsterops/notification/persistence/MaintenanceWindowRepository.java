package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.domain.MaintenanceWindow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MaintenanceWindowRepository implements PanacheRepositoryBase<MaintenanceWindow, UUID> {
}
