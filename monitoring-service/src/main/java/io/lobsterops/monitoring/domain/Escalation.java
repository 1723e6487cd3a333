package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;

/**
 * A rule fired and a person must decide. One escalation stays open per (engagement, rule): when the rule fires again
 * it is refreshed (last fired, count, a higher priority), never duplicated. It carries the runbook's handoff.
 */
@Entity
@Table(name = "escalation")
public class Escalation {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String rule;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(nullable = false)
    public String summary;

    @Column(name = "handoff_context", nullable = false)
    public String handoffContext;

    @Column(name = "handoff_tried", nullable = false)
    public String handoffTried;

    /** The options, one per line. */
    @Column(name = "handoff_options", nullable = false)
    public String handoffOptions;

    @Column(name = "handoff_recommendation", nullable = false)
    public String handoffRecommendation;

    @Column(name = "handoff_urgency", nullable = false)
    public String handoffUrgency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EscalationState state;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "last_fired_at", nullable = false)
    public Instant lastFiredAt;

    @Column(name = "fired_count", nullable = false)
    public int firedCount;

    /** What was seen, beside the handoff: e.g. the diff of a drifted workspace file against its release. */
    public String evidence;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public String resolution;

    @Version
    public int version;

    protected Escalation() {
    }

    public static Escalation raise(Finding finding, Instant at) {
        Escalation escalation = new Escalation();
        escalation.id = UUID.randomUUID();
        escalation.engagementId = finding.engagementId();
        escalation.clientId = finding.clientId();
        escalation.rule = finding.ruleKey();
        escalation.priority = finding.priority();
        escalation.state = EscalationState.OPEN;
        escalation.raisedAt = at;
        escalation.firedCount = 0;
        escalation.refresh(finding, at);
        return escalation;
    }

    /** The rule fired again: the newest finding and handoff stand, the priority only ever rises. */
    public void refresh(Finding finding, Instant at) {
        summary = finding.summary();
        Handoff handoff = finding.handoff();
        handoffContext = handoff.context();
        handoffTried = handoff.tried();
        handoffOptions = String.join("\n", handoff.options());
        handoffRecommendation = handoff.recommendation();
        if (finding.priority().ordinal() < priority.ordinal()) {
            priority = finding.priority();
        }
        handoffUrgency = Finding.urgency(priority);
        lastFiredAt = at;
        firedCount++;
    }

    public Handoff handoff() {
        List<String> options = handoffOptions.isEmpty() ? List.of() : Arrays.asList(handoffOptions.split("\n"));
        return new Handoff(handoffContext, handoffTried, options, handoffRecommendation, handoffUrgency);
    }

    /** Keeps what was seen last (a newer diff replaces an older one). */
    public void seen(String what) {
        evidence = what;
    }

    public boolean open() {
        return state != EscalationState.RESOLVED;
    }

    /** A person answered the page; the escalation stays until it is resolved. The first acknowledgement stands. */
    public void acknowledge(String by, Instant at) {
        if (state == EscalationState.OPEN) {
            state = EscalationState.ACKNOWLEDGED;
            acknowledgedBy = by;
            acknowledgedAt = at;
        }
    }

    /** Resolved by a person (with what was done) or by the rule falling quiet; resolving twice changes nothing. */
    public boolean resolve(String resolution, String by, Instant at) {
        if (state == EscalationState.RESOLVED) {
            return false;
        }
        state = EscalationState.RESOLVED;
        this.resolution = resolution;
        resolvedBy = by;
        resolvedAt = at;
        return true;
    }

    public boolean urgent() {
        return priority == Priority.P0 || priority == Priority.P1;
    }
}
