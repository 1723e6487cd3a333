package io.lobsterops.agentconfig.domain;

import java.util.Optional;

/**
 * How often a scheduled activity of the agent runs (monitoring's optimizer moves it hourly → daily → weekly, a
 * supervisor approves each step, {@code schedule.changed} carries it here).
 */
public enum Cadence {
    HOURLY("every hour"),
    DAILY("every day"),
    WEEKLY("every Monday");

    private final String label;

    Cadence(String label) {
        this.label = label;
    }

    /** In the client's words, for the playbook: "every day". */
    public String label() {
        return label;
    }

    /** The cadence of an event's payload, empty when it is not one of ours. */
    public static Optional<Cadence> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Cadence cadence : values()) {
            if (cadence.name().equals(name)) {
                return Optional.of(cadence);
            }
        }
        return Optional.empty();
    }
}
