package io.lobsterops.notification.api;

import io.lobsterops.kit.api.ProblemType;

/**
 * Every problem type notification answers beside the platform's own ({@link ProblemType}'s constants): the one place
 * this service makes one (ADR 0070). A slug is the last segment of the {@code type} URI clients rely on; it never
 * changes. docs/problems.md lists them with the platform's. A Telegram webhook call without the right secret answers
 * the platform's {@link ProblemType#UNAUTHORIZED}.
 */
public final class NotificationProblems {

    // Routing rules

    /**
     * A routing rule is created or changed that names a destination it may not reach: a staff rule a client's
     * destination, a client rule another client's or a staff one.
     */
    public static final ProblemType MISADDRESSED_ROUTE = ProblemType.of("misaddressed-route",
            "The rule names a destination it may not reach", 400);

    private NotificationProblems() {
    }
}
