package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.monitoring.api.MonitoringProblems;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.ReportFigures;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonthlyReportRepository;
import io.lobsterops.monitoring.report.ReportHtml;
import io.lobsterops.monitoring.report.ReportPdf;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Renders the monthly report: on the 1st of each month for the month that ended and on demand, its figures
 * ({@link ReportData}) stored as JSON with the HTML; the PDF from the stored figures. A report stays renderable until
 * it is approved ({@link ReportService}).
 */
@ApplicationScoped
public class ReportRenderer {

    private static final Logger LOG = Logger.getLogger(ReportRenderer.class);

    public static final String SCHEDULER = "monitoring-service (monthly)";

    /** Engagements that get a monthly report: an agent that ran for the client. */
    static final List<Stage> REPORTED = List.of(Stage.LIVE, Stage.STABLE, Stage.MAINTENANCE, Stage.SUSPENDED);

    private final MonthlyReportRepository reports;
    private final MonitoredEngagementRepository engagements;
    private final ReportData data;
    private final ObjectMapper json;
    private final ReportPdf pdf;
    private final Vertx vertx;

    public ReportRenderer(MonthlyReportRepository reports, MonitoredEngagementRepository engagements, ReportData data,
            ObjectMapper json, ReportPdf pdf, Vertx vertx) {
        this.reports = reports;
        this.engagements = engagements;
        this.data = data;
        this.json = json;
        this.pdf = pdf;
        this.vertx = vertx;
    }

    public record Rendered(MonthlyReport report, boolean created) {
    }

    /**
     * Renders the engagement's report of {@code month}: a new DRAFT, a draft refreshed, or a report whose changes were
     * asked for rendered again (revision + 1). An approved or sent report is final (409).
     */
    @WithTransaction
    public Uni<Rendered> render(UUID engagementId, YearMonth month, String by) {
        return engagements.requireVisible(engagementId, Optional.empty(), "Engagement")
                .chain(engagement -> renderIn(engagement, month, by));
    }

    private Uni<Rendered> renderIn(MonitoredEngagement engagement, YearMonth month, String by) {
        Instant now = EscalationService.now();
        return reports.findFor(engagement.engagementId, month.toString()).chain(existing -> {
            if (existing != null && !existing.renderable()) {
                throw new ProblemException(MonitoringProblems.REPORT_APPROVED,
                        "The report of " + month + " was " + existing.state
                        + " at " + existing.approvedAt + ".");
            }
            return data.figures(engagement, month, now).chain(figures -> {
                String stored = write(figures);
                String html = ReportHtml.html(figures);
                if (existing != null) {
                    existing.rendered(stored, html, by, now);
                    return Uni.createFrom().item(new Rendered(existing, false));
                }
                return reports.persist(MonthlyReport.draft(engagement.engagementId, engagement.clientId,
                        month.toString(), stored, html, by, now)).map(r -> new Rendered(r, true));
            });
        });
    }

    /**
     * On the 1st of each month: the month that ended, for every engagement whose agent ran, each in a transaction of
     * its own (one failure does not stop the others; an approved report is left alone).
     */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            cron = "${lobsterops.monitoring.reports.cron:0 0 6 1 * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        return Panache.withSession(() -> engagements.list("stage in ?1 order by engagementId", REPORTED))
                .chain(list -> Multi.createFrom().iterable(list.stream().map(e -> e.engagementId).toList())
                        .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> engagements
                                .findById(id).chain(engagement -> reports.findFor(id, month.toString())
                                        .chain(existing -> existing != null && !existing.renderable()
                                                ? Uni.createFrom().voidItem()
                                                : renderIn(engagement, month, SCHEDULER).replaceWithVoid())))
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.errorf(failure, "monthly report %s of engagement %s not rendered", month, id);
                                    return null;
                                }))
                        .collect().last())
                .replaceWithVoid();
    }

    /** {@code report} as PDF, rendered from its stored figures off the event loop. */
    Uni<byte[]> pdf(MonthlyReport report) {
        ReportFigures figures = figuresOf(report);
        return vertx.executeBlocking(Uni.createFrom().item(() -> pdf.render(ReportHtml.forPdf(figures))), false);
    }

    public ReportFigures figuresOf(MonthlyReport report) {
        try {
            return json.readValue(report.figures, ReportFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + report.id + " holds unreadable figures", e);
        }
    }

    private String write(ReportFigures figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's figures", e);
        }
    }
}
