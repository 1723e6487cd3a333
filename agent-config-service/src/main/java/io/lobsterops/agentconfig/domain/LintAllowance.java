package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One lint finding a supervisor allowed for one agent, with who, when and why (ADR 0045). */
@Entity
@Table(name = "lint_allowance")
public class LintAllowance {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String file;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String excerpt;

    @Column(nullable = false)
    public String reason;

    @Column(name = "allowed_by", nullable = false)
    public String allowedBy;

    @Column(name = "allowed_at", nullable = false)
    public Instant allowedAt;

    protected LintAllowance() {
    }

    public LintAllowance(UUID engagementId, String clientId, String file, String rule, String excerpt, String reason,
            String allowedBy, Instant allowedAt) {
        this.id = UUID.randomUUID();
        this.engagementId = engagementId;
        this.clientId = clientId;
        this.file = file;
        this.rule = rule;
        this.excerpt = excerpt;
        this.reason = reason;
        this.allowedBy = allowedBy;
        this.allowedAt = allowedAt;
    }

    /** The key a finding is matched on: same file, same rule, same (redacted) line. */
    public String key() {
        return key(file, rule, excerpt);
    }

    public static String key(String file, String rule, String excerpt) {
        return file + "\u0000" + rule + "\u0000" + (excerpt == null ? "" : excerpt);
    }
}
