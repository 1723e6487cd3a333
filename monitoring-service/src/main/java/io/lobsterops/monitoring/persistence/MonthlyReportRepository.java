package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.ReportState;
import io.smallrye.mutiny.Uni;

/** Monthly reports; a client sees its own approved or sent reports only (the scope is in the query). */
@ApplicationScoped
public class MonthlyReportRepository implements ClientScoped<MonthlyReport, UUID> {

    private static final List<ReportState> CLIENT_VISIBLE = List.of(ReportState.APPROVED, ReportState.SENT);

    @Override
    public Where clientSees() {
        return Where.of("state in :visible", "visible", CLIENT_VISIBLE);
    }

    public Uni<List<MonthlyReport>> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return list("engagementId = ?1 order by period desc", engagementId);
        }
        return list("engagementId = ?1 and clientId = ?2 and state in ?3 order by period desc", engagementId,
                clientScope.get(), CLIENT_VISIBLE);
    }

    public Uni<MonthlyReport> findFor(UUID engagementId, String period) {
        return find("engagementId = ?1 and period = ?2", engagementId, period).firstResult();
    }

    public Uni<List<MonthlyReport>> waiting() {
        return list("state in ?1 order by renderedAt, id", List.of(ReportState.DRAFT, ReportState.CHANGES_REQUESTED));
    }
}
