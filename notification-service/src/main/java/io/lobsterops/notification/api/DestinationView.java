package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Destination;

/** A destination as the API shows it: whether it has a secret, never the secret. */
public record DestinationView(UUID id, String name, Channel channel, String clientId, String person, String address,
        boolean hasSecret, Integer onDutyRank, boolean enabled, Instant createdAt) {

    public static DestinationView from(Destination d) {
        return new DestinationView(d.id, d.name, d.channel, d.clientId, d.person, d.address, d.secretSealed != null,
                d.onDutyRank, d.enabled, d.createdAt);
    }
}
