package io.lobsterops.monitoring.api;

import io.lobsterops.kit.api.ProblemType;

/**
 * Every problem type monitoring answers beside the platform's own ({@link ProblemType}'s constants): the one place
 * this service makes one (ADR 0070). A slug is the last segment of the {@code type} URI clients rely on; it never
 * changes. docs/problems.md lists them with the platform's.
 */
public final class MonitoringProblems {

    // Escalations

    /** An escalation is resolved that was resolved already (by a person, a rule going quiet or a termination). */
    public static final ProblemType ESCALATION_RESOLVED = ProblemType.of("escalation-resolved",
            "Escalation already resolved", 409);

    // The optimizer's proposals

    /** An optimizer proposal is approved or rejected that was decided already. */
    public static final ProblemType PROPOSAL_DECIDED = ProblemType.of("proposal-decided", "Proposal already decided",
            409);

    // Monthly reports

    /** A monthly report is rendered again that was approved or sent: it is final. */
    public static final ProblemType REPORT_APPROVED = ProblemType.of("report-approved",
            "Report approved: it is not rendered again", 409);

    /** A monthly report is approved, or sent back for changes, that is not a draft waiting for that decision. */
    public static final ProblemType REPORT_DECIDED = ProblemType.of("report-decided", "Report already decided", 409);

    private MonitoringProblems() {
    }
}
