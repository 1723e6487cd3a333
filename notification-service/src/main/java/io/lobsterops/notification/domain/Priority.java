package io.lobsterops.notification.domain;

/**
 * How urgent a message is (architecture §2): P0 pages at once and again until acknowledged; P2/P3 go to the cockpit only
 * (and the morning digest); P4 is a line in the cockpit, for the record — no default rule routes it and the digest
 * leaves it out (ADR 0049).
 */
public enum Priority {
    P0,
    P1,
    P2,
    P3,
    P4
}
