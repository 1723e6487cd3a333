package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One client's monthly status report: its figures (JSON), its rendered HTML, and the supervisor's decision. */
@Entity
@Table(name = "monthly_report")
public class MonthlyReport {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    /** The month, {@code yyyy-MM}. */
    @Column(nullable = false)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportState state;

    /** 1 for the first rendering, one more for each rendering after a requested change. */
    @Column(nullable = false)
    public int revision;

    @Column(nullable = false)
    public String figures;

    @Column(nullable = false)
    public String html;

    @Column(name = "rendered_by", nullable = false)
    public String renderedBy;

    @Column(name = "rendered_at", nullable = false)
    public Instant renderedAt;

    @Column(name = "changes_note")
    public String changesNote;

    @Column(name = "changes_by")
    public String changesBy;

    @Column(name = "changes_at")
    public Instant changesAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Version
    public int version;

    protected MonthlyReport() {
    }

    public static MonthlyReport draft(UUID engagementId, String clientId, String period, String figures, String html,
            String by, Instant at) {
        MonthlyReport report = new MonthlyReport();
        report.id = UUID.randomUUID();
        report.engagementId = engagementId;
        report.clientId = clientId;
        report.period = period;
        report.state = ReportState.DRAFT;
        report.revision = 1;
        report.figures = figures;
        report.html = html;
        report.renderedBy = by;
        report.renderedAt = at;
        return report;
    }

    /** Whether it may be rendered again: a draft (refreshed) or a report whose changes were asked for. */
    public boolean renderable() {
        return state == ReportState.DRAFT || state == ReportState.CHANGES_REQUESTED;
    }

    public void rendered(String figures, String html, String by, Instant at) {
        if (state == ReportState.CHANGES_REQUESTED) {
            revision++;
        }
        this.state = ReportState.DRAFT;
        this.figures = figures;
        this.html = html;
        this.renderedBy = by;
        this.renderedAt = at;
    }

    /** A supervisor's one click: only a draft can be approved. */
    public boolean approve(String by, Instant at) {
        if (state != ReportState.DRAFT) {
            return false;
        }
        state = ReportState.APPROVED;
        approvedBy = by;
        approvedAt = at;
        return true;
    }

    /** Changes asked for a draft (the note is the agency's, never shown to the client). */
    public boolean changesRequested(String note, String by, Instant at) {
        if (state != ReportState.DRAFT) {
            return false;
        }
        state = ReportState.CHANGES_REQUESTED;
        changesNote = note;
        changesBy = by;
        changesAt = at;
        return true;
    }

    /** report.ready is on the topic: notification takes it from there. */
    public void sent(Instant at) {
        if (state == ReportState.APPROVED) {
            state = ReportState.SENT;
            sentAt = at;
        }
    }
}
