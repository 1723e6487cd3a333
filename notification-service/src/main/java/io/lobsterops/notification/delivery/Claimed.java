package io.lobsterops.notification.delivery;

import java.util.UUID;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Priority;

/**
 * A delivery a worker claimed, with what it needs to send it: the destination (address, sealed secret, client) and
 * the message as it stands now (a grouped message sends its newest text).
 */
public record Claimed(UUID id, String kind, int seq, Channel channel, int attempts, int partsSent, String receipt,
        UUID messageId, UUID destinationId, String address, String secretSealed, String destinationClientId,
        String title, String body, Priority priority, Audience audience, boolean acknowledged,
        String messageClientId, String sentReceipt) {

    public boolean isEdit() {
        return "EDIT".equals(kind);
    }

    /** Staff pages that someone should acknowledge carry the Acknowledge button. */
    public boolean wantsAcknowledgement() {
        return audience == Audience.STAFF && (priority == Priority.P0 || priority == Priority.P1) && !acknowledged;
    }
}
