package io.lobsterops.events;

/** Escalation priority: P0 pages at once until acknowledged, P1 cockpit + Telegram, P2/P3 cockpit only. */
public enum Priority {
    P0,
    P1,
    P2,
    P3
}
