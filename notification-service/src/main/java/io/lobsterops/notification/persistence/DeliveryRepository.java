package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.notification.domain.Delivery;

/** Deliveries, read within the caller's tenant scope: a client user finds only its own (their {@code clientId}). */
@ApplicationScoped
public class DeliveryRepository implements ClientScoped<Delivery, UUID> {
}
