package io.lobsterops.monitoring.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Something that changed on an engagement, as monitoring learned it from an event: a release deployed, OpenClaw
 * upgraded or rolled back, a schedule changed, a gold set run, the agent terminated. The monthly report's "what
 * changed". The id is derived from the fact, so the same fact told twice is kept once.
 */
@Entity
@Table(name = "engagement_change")
public class EngagementChange {

    public enum Kind {
        DEPLOYMENT,
        UPGRADE,
        UPGRADE_ROLLED_BACK,
        SCHEDULE,
        GOLD_SET,
        TERMINATION
    }

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String summary;

    @Column(name = "happened_at", nullable = false)
    public Instant happenedAt;

    protected EngagementChange() {
    }

    public static EngagementChange of(UUID engagementId, Kind kind, String factId, String summary, Instant at) {
        EngagementChange change = new EngagementChange();
        change.id = UUID.nameUUIDFromBytes((engagementId + "|" + kind + "|" + factId).getBytes(StandardCharsets.UTF_8));
        change.engagementId = engagementId;
        change.kind = kind.name();
        change.summary = summary;
        change.happenedAt = at;
        return change;
    }
}
