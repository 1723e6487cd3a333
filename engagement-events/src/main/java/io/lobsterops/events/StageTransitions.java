package io.lobsterops.events;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of architecture §1. Forward moves follow the sales and delivery path; TRAINING may loop back to
 * DEPLOYING for another feedback cycle; any stage but TERMINATED may be SUSPENDED by the kill switch, and a
 * suspended engagement returns to the stage it was suspended from (checked by the owner of the engagement, which
 * remembers that stage).
 */
public final class StageTransitions {

    private static final Map<Stage, Set<Stage>> NEXT = new EnumMap<>(Stage.class);

    static {
        NEXT.put(Stage.LEAD, EnumSet.of(Stage.DISCOVERY, Stage.TERMINATED));
        NEXT.put(Stage.DISCOVERY, EnumSet.of(Stage.PROPOSAL, Stage.TERMINATED));
        NEXT.put(Stage.PROPOSAL, EnumSet.of(Stage.SIGNED, Stage.DISCOVERY, Stage.TERMINATED));
        NEXT.put(Stage.SIGNED, EnumSet.of(Stage.PROVISIONING, Stage.TERMINATED));
        NEXT.put(Stage.PROVISIONING, EnumSet.of(Stage.CONFIGURING, Stage.TERMINATED));
        NEXT.put(Stage.CONFIGURING, EnumSet.of(Stage.IN_REVIEW, Stage.TERMINATED));
        NEXT.put(Stage.IN_REVIEW, EnumSet.of(Stage.DEPLOYING, Stage.CONFIGURING, Stage.TERMINATED));
        NEXT.put(Stage.DEPLOYING, EnumSet.of(Stage.TRAINING, Stage.TERMINATED));
        NEXT.put(Stage.TRAINING, EnumSet.of(Stage.LIVE, Stage.DEPLOYING, Stage.CONFIGURING, Stage.TERMINATED));
        NEXT.put(Stage.LIVE, EnumSet.of(Stage.STABLE, Stage.TERMINATED));
        NEXT.put(Stage.STABLE, EnumSet.of(Stage.MAINTENANCE, Stage.TERMINATED));
        NEXT.put(Stage.MAINTENANCE, EnumSet.of(Stage.TERMINATED));
        NEXT.put(Stage.SUSPENDED, EnumSet.of(Stage.TERMINATED));
        NEXT.put(Stage.TERMINATED, EnumSet.noneOf(Stage.class));
        for (Stage stage : Stage.values()) {
            if (stage != Stage.TERMINATED && stage != Stage.SUSPENDED) {
                NEXT.get(stage).add(Stage.SUSPENDED);
            }
        }
    }

    private StageTransitions() {
    }

    /** The stages reachable from {@code from} in one move, not counting a return from SUSPENDED. */
    public static Set<Stage> nextOf(Stage from) {
        Set<Stage> next = NEXT.get(from);
        return next.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(next);
    }

    /**
     * Whether {@code from → to} is allowed. {@code suspendedFrom} is the stage a SUSPENDED engagement left (null
     * otherwise): resuming returns exactly there.
     */
    public static boolean allowed(Stage from, Stage to, Stage suspendedFrom) {
        if (from == Stage.SUSPENDED && suspendedFrom != null && to == suspendedFrom) {
            return true;
        }
        return NEXT.get(from).contains(to);
    }
}
