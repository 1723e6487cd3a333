package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.ReportReady;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.api.MonitoringProblems;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.ReportFigures;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonthlyReportRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The monthly status report (playbook §6.1) and the quarterly review's data, from monitoring's own records (ADR 0034):
 * rendered as a DRAFT ({@link ReportRenderer}, figures by {@link ReportData}) that a supervisor approves in one click
 * (report.ready through the outbox) or sends back with a note (then rendered again); what staff and clients read.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final MonthlyReportRepository reports;
    private final MonitoredEngagementRepository engagements;
    private final ReportRenderer renderer;
    private final ReportData data;
    private final Outbox outbox;

    public ReportService(MonthlyReportRepository reports, MonitoredEngagementRepository engagements,
            ReportRenderer renderer, ReportData data, Outbox outbox) {
        this.reports = reports;
        this.engagements = engagements;
        this.renderer = renderer;
        this.data = data;
        this.outbox = outbox;
    }

    /** A month, {@code yyyy-MM}, that has begun; else a 400. */
    public static YearMonth month(String period) {
        if (period == null || !period.strip().matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw ProblemException.badRequest("period " + period + " is not a month (yyyy-MM)");
        }
        YearMonth month = YearMonth.parse(period.strip());
        if (month.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ProblemException.badRequest("period " + period + " has not begun");
        }
        return month;
    }

    /** The three months of a quarter, {@code yyyy-Qn}, that has begun; else a 400. */
    public static List<YearMonth> quarter(String quarter) {
        if (quarter == null || !quarter.strip().matches("\\d{4}-Q[1-4]")) {
            throw ProblemException.badRequest("quarter " + quarter + " is not a quarter (yyyy-Qn, e.g. 2026-Q4)");
        }
        int year = Integer.parseInt(quarter.strip().substring(0, 4));
        int q = quarter.strip().charAt(6) - '0';
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        if (first.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ProblemException.badRequest("quarter " + quarter + " has not begun");
        }
        return List.of(first, first.plusMonths(1), first.plusMonths(2));
    }

    /** The supervisor's one click: report.ready through the outbox, once; a decided report answers 409. */
    @WithTransaction
    public Uni<MonthlyReport> approve(UUID id, String by) {
        Instant now = EscalationService.now();
        return reports.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Report", id))
                .call(report -> {
                    if (!report.approve(by, now)) {
                        throw decided(report);
                    }
                    LOG.infof("report %s (%s, %s) approved by %s", report.id, report.engagementId, report.period, by);
                    return outbox.append(new ReportReady(report.engagementId, report.clientId, report.id,
                            report.period, "/reports/" + report.id, by, now));
                });
    }

    @WithTransaction
    public Uni<MonthlyReport> changes(UUID id, String note, String by) {
        Instant now = EscalationService.now();
        return reports.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Report", id))
                .invoke(report -> {
                    if (!report.changesRequested(note.strip(), by, now)) {
                        throw decided(report);
                    }
                });
    }

    private static ProblemException decided(MonthlyReport report) {
        return new ProblemException(MonitoringProblems.REPORT_DECIDED, "Report " + report.id + " is " + report.state
                + (report.approvedAt == null ? "" : " since " + report.approvedAt)
                + (report.state == io.lobsterops.monitoring.domain.ReportState.CHANGES_REQUESTED
                        ? ": render it again (POST /engagements/" + report.engagementId + "/reports) before approving"
                        : "") + ".");
    }

    /** report.ready came back from the topic: notification has it now. Runs in the inbox's transaction. */
    public Uni<Void> sent(ReportReady ready) {
        return reports.findById(ready.reportId()).invoke(report -> {
            if (report != null) {
                report.sent(EscalationService.now());
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<MonthlyReport> find(UUID id, Optional<String> clientScope) {
        return reports.requireVisible(id, clientScope, "Report");
    }

    @WithSession
    public Uni<List<MonthlyReport>> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope).chain(e -> reports.ofEngagement(engagementId, clientScope));
    }

    /** The report as PDF, rendered from its stored figures off the event loop. */
    public Uni<byte[]> pdf(UUID id, Optional<String> clientScope) {
        return find(id, clientScope).chain(renderer::pdf);
    }

    /** The quarterly review's data: each month of the quarter that has begun, side by side. */
    @WithSession
    public Uni<List<ReportFigures>> quarterly(UUID engagementId, Optional<String> clientScope, List<YearMonth> months) {
        return engagement(engagementId, clientScope).chain(engagement -> data.quarterly(engagement, months));
    }

    private Uni<MonitoredEngagement> engagement(UUID engagementId, Optional<String> clientScope) {
        return engagements.requireVisible(engagementId, clientScope, "Engagement");
    }
}
