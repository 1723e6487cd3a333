package io.lobsterops.provisioning.engagement.domain;

import java.util.EnumSet;
import java.util.Set;

import io.lobsterops.events.Stage;
import io.lobsterops.events.StageTransitions;

/** A lifecycle move that architecture §1 does not allow. */
public class InvalidTransitionException extends RuntimeException {

    private final Stage from;
    private final Stage to;
    private final Set<Stage> allowed;

    public InvalidTransitionException(Stage from, Stage to, Stage suspendedFrom) {
        super("An engagement in stage " + from + " cannot move to " + to + ".");
        this.from = from;
        this.to = to;
        this.allowed = allowedFrom(from, suspendedFrom);
    }

    public Stage from() {
        return from;
    }

    public Stage to() {
        return to;
    }

    public Set<Stage> allowed() {
        return allowed;
    }

    public static Set<Stage> allowedFrom(Stage from, Stage suspendedFrom) {
        Set<Stage> next = StageTransitions.nextOf(from);
        if (from == Stage.SUSPENDED && suspendedFrom != null) {
            next = EnumSet.copyOf(next);
            next.add(suspendedFrom);
        }
        return next;
    }
}
