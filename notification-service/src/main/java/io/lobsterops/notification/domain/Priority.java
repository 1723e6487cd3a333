package io.lobsterops.notification.domain;

/** How urgent a message is (DESIGN §2): P0 pages at once and again until acknowledged; P2/P3 go to the cockpit only. */
public enum Priority {
    P0,
    P1,
    P2,
    P3
}
