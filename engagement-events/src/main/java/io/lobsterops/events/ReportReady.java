package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#REPORT_READY}: a supervisor approved a client's monthly status report (monitoring-service);
 * notification sends it to the client. {@code path} is where the client reads it with its own token
 * ({@code /reports/{id}}, HTML or PDF).
 */
public record ReportReady(
        UUID engagementId,
        String clientId,
        UUID reportId,
        String period,
        String path,
        String approvedBy,
        Instant approvedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.REPORT_READY;
    }
}
