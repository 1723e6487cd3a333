package io.lobsterops.kit.security;

/** The OIDC roles of architecture §1. */
public final class Roles {

    /** Signs, approves L2 reviews, runs the kill switch, sees everything. */
    public static final String SUPERVISOR = "supervisor";
    /** The technical operator: discovery, agent configs, provisioning, training, monitoring. */
    public static final String ENGINEER = "engineer";
    /** A client company's user: sees only its own engagement; its token carries {@value #CLIENT_ID_CLAIM}. */
    public static final String CLIENT = "client";
    /** Service-to-service calls. */
    public static final String SERVICE = "service";

    public static final String CLIENT_ID_CLAIM = "client_id";

    private Roles() {
    }
}
