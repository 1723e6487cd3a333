package io.lobsterops.billing.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.billing.domain.PresaleDocument;
import io.lobsterops.billing.domain.PresaleDocument.Decision;
import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.billing.domain.PresaleDocument.Status;

/** A proposal or SOW; {@code discoveryAnsweredAt} null: drafted before any discovery answers arrived. */
public record PresaleView(UUID id, UUID engagementId, UUID contractId, Kind kind, Status status, String author,
        Instant createdAt, String reviewer, Decision decision, String decisionReason, Instant decidedAt,
        String sentBy, Instant sentAt, Instant discoveryAnsweredAt) {

    public static PresaleView from(PresaleDocument d) {
        return new PresaleView(d.id, d.engagementId, d.contractId, d.kind, d.status, d.author, d.createdAt,
                d.reviewer, d.decision, d.decisionReason, d.decidedAt, d.sentBy, d.sentAt,
                d.discoveryAnsweredAt);
    }
}
