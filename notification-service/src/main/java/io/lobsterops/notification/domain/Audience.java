package io.lobsterops.notification.domain;

/** Who a message is for. Staff read every message; a client user reads only {@link #CLIENT} messages of its client. */
public enum Audience {
    /** The agency's supervisors and engineers. */
    STAFF,
    /** The users of the engagement's client company (and staff). */
    CLIENT
}
