package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.lobsterops.events.Stage;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.lobsterops.provisioning.engagement.domain.InvalidTransitionException;

public record EngagementView(UUID id, String clientId, String clientName, String contactName, String contactEmail,
        String sector, String region, Stage stage, Stage suspendedFrom, Set<Stage> nextStages, String openedBy,
        Instant openedAt, Instant updatedAt, Deposit deposit, Acceptance acceptance) {

    /** The client's acceptance of the delivery; null until it accepted. */
    public record Acceptance(String acceptedBy, Instant acceptedAt, String comment) {
    }

    /** The deposit gate: paid (from billing) or waived (by whom, why, when). */
    public record Deposit(boolean settled, Instant paidAt, String invoice, String waivedBy, String waiverReason,
            Instant waivedAt) {
    }

    public static EngagementView from(Engagement e) {
        return new EngagementView(e.id, e.client.id, e.client.name, e.contactName, e.contactEmail, e.sector, e.region,
                e.stage, e.suspendedFrom, InvalidTransitionException.allowedFrom(e.stage, e.suspendedFrom), e.openedBy,
                e.openedAt, e.updatedAt, new Deposit(e.depositSettled(), e.depositPaidAt, e.depositInvoice,
                        e.depositWaivedBy, e.depositWaiverReason, e.depositWaivedAt),
                e.acceptedAt == null ? null : new Acceptance(e.acceptedBy, e.acceptedAt, e.acceptanceComment));
    }
}
