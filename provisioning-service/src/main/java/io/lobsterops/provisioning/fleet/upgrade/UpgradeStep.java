package io.lobsterops.provisioning.fleet.upgrade;

import java.util.Arrays;
import java.util.List;

/**
 * The ordered steps of an upgrade (runbook §4, ADR 0041). A check that fails after {@link #SWITCH} sends the upgrade
 * to {@link #ROLLBACK}; one that fails before it leaves the gateway as it was (the rollback then has nothing to undo).
 */
enum UpgradeStep {
    SNAPSHOT("snapshot"),
    INSTALL("install-openclaw"),
    VALIDATE_CONFIG("validate-config"),
    SWITCH("switch-and-restart"),
    CHECK_WORKSPACE("check-workspace"),
    READYZ("readyz"),
    STATUS("gateway-status"),
    DOCTOR("doctor-lint"),
    GOLD_SET("gold-set"),
    KEEP("keep"),
    ROLLBACK("rollback");

    private final String slug;

    UpgradeStep(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static UpgradeStep of(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst().orElseThrow();
    }

    public static List<String> slugs() {
        return Arrays.stream(values()).map(UpgradeStep::slug).toList();
    }
}
