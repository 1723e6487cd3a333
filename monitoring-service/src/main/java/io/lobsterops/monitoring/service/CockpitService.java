package io.lobsterops.monitoring.service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.monitoring.domain.ConfigReview;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.KnownInvoice;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.UsageDay;
import io.lobsterops.monitoring.persistence.ConfigReviewRepository;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.KnownInvoiceRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.MonthlyReportRepository;
import io.lobsterops.monitoring.persistence.UsageDayRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The cockpit of today, for the agency: agents not UP, open escalations, reports and reviews waiting, yesterday's
 * tokens and cost per agent, invoices overdue. Read from monitoring's own tables in one session.
 */
@ApplicationScoped
public class CockpitService {

    private final MonitoredGatewayRepository gateways;
    private final MonitoredEngagementRepository engagements;
    private final EscalationRepository escalations;
    private final MonthlyReportRepository reports;
    private final ConfigReviewRepository reviews;
    private final UsageDayRepository usage;
    private final KnownInvoiceRepository invoices;

    public CockpitService(MonitoredGatewayRepository gateways, MonitoredEngagementRepository engagements,
            EscalationRepository escalations, MonthlyReportRepository reports, ConfigReviewRepository reviews,
            UsageDayRepository usage, KnownInvoiceRepository invoices) {
        this.gateways = gateways;
        this.engagements = engagements;
        this.escalations = escalations;
        this.reports = reports;
        this.reviews = reviews;
        this.usage = usage;
        this.invoices = invoices;
    }

    public record Today(LocalDate today, List<MonitoredGateway> notUp, List<Escalation> open,
            List<MonthlyReport> reportsWaiting, List<ConfigReview> reviewsWaiting, List<UsageDay> yesterday,
            List<KnownInvoice> overdue, List<MonitoredEngagement> engagements) {
    }

    @WithSession
    public Uni<Today> today() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Today t = new Today(today, new java.util.ArrayList<>(), new java.util.ArrayList<>(),
                new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>(),
                new java.util.ArrayList<>(), new java.util.ArrayList<>());
        return gateways.list("probing = true and health <> ?1 order by healthSince, gatewayId", GatewayHealth.UP)
                .invoke(t.notUp()::addAll)
                .chain(() -> escalations.allOpen()).invoke(t.open()::addAll)
                .chain(() -> reports.waiting()).invoke(t.reportsWaiting()::addAll)
                .chain(() -> reviews.waiting()).invoke(t.reviewsWaiting()::addAll)
                .chain(() -> usage.on(today.minusDays(1))).invoke(t.yesterday()::addAll)
                .chain(() -> invoices.overdueOn(today)).invoke(t.overdue()::addAll)
                .chain(() -> {
                    var ids = java.util.stream.Stream.of(t.notUp().stream().map(g -> g.engagementId),
                            t.open().stream().map(e -> e.engagementId),
                            t.reportsWaiting().stream().map(r -> r.engagementId),
                            t.reviewsWaiting().stream().map(r -> r.engagementId),
                            t.yesterday().stream().map(u -> u.engagementId),
                            t.overdue().stream().map(i -> i.engagementId)).flatMap(s -> s).distinct().toList();
                    return ids.isEmpty() ? Uni.createFrom().item(List.<MonitoredEngagement>of())
                            : engagements.list("engagementId in ?1", ids);
                }).invoke(t.engagements()::addAll)
                .replaceWith(t);
    }
}
