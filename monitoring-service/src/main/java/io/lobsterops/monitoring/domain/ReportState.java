package io.lobsterops.monitoring.domain;

/**
 * A monthly report's life: rendered as a DRAFT, a supervisor approves it (APPROVED, report.ready published) or asks
 * for changes (CHANGES_REQUESTED, rendered again as a DRAFT); SENT once report.ready is on the topic for
 * notification. A client sees APPROVED and SENT reports only.
 */
public enum ReportState {
    DRAFT,
    CHANGES_REQUESTED,
    APPROVED,
    SENT;

    public boolean clientVisible() {
        return this == APPROVED || this == SENT;
    }
}
