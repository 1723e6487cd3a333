package io.lobsterops.provisioning.fleet.domain;

/** The ordered, idempotent steps of a provisioning run (issue 3). */
public enum StepName {
    CONNECT_AND_GATHER_FACTS("connect-and-gather-facts"),
    INSTALL_NODE("install-node"),
    INSTALL_OPENCLAW("install-openclaw"),
    ONBOARD("onboard"),
    CONFIGURE_TELEGRAM("configure-telegram"),
    START_GATEWAY("start-gateway"),
    VERIFY("verify");

    private final String slug;

    StepName(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
