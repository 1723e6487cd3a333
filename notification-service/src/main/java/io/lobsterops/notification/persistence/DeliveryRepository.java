package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {
}
