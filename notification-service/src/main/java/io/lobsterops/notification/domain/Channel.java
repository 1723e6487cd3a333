package io.lobsterops.notification.domain;

/** Where a delivery goes. The cockpit inbox is not a channel: it keeps every message. */
public enum Channel {
    TELEGRAM,
    EMAIL,
    SLACK
}
