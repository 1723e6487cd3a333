package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.notification.domain.Destination;

/**
 * Destinations, read within the caller's tenant scope: a client user finds only its own (their {@code clientId}); a
 * staff destination has none, so only staff see it.
 */
@ApplicationScoped
public class DestinationRepository implements ClientScoped<Destination, UUID> {
}
