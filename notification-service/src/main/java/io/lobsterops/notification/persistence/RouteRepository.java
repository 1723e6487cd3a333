package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.domain.Route;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RouteRepository implements PanacheRepositoryBase<Route, UUID> {
}
