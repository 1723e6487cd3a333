package io.lobsterops.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.UsageRecorded;

/**
 * One client/agent/day of model usage, as last recorded (a later {@code usage.recorded} with the same id replaces
 * the figures), and the part of its cost already billed: what is left is billed next, as a delta.
 */
@Entity
@Table(name = "usage_day")
public class UsageDay {

    @Id
    @Column(name = "usage_id")
    public UUID usageId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "agent_id", nullable = false)
    public String agentId;

    @Column(nullable = false)
    public LocalDate day;

    public String model;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cost_micro_usd", nullable = false)
    public long costMicroUsd;

    @Column(name = "billed_micro_usd", nullable = false)
    public long billedMicroUsd;

    @Column(name = "unpriced_tokens", nullable = false)
    public boolean unpricedTokens;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public UsageDay() {
    }

    /** The day as {@code recorded} first counts it. */
    public static UsageDay of(UsageRecorded recorded) {
        UsageDay day = new UsageDay();
        day.replaceWith(recorded);
        return day;
    }

    /**
     * Takes the figures of {@code recorded}, unless they are older than the ones held (a count arriving late):
     * false then, and nothing changes. What was billed stays: the difference is billed next.
     */
    public boolean replaceWith(UsageRecorded recorded) {
        if (recordedAt != null && recorded.recordedAt().isBefore(recordedAt)) {
            return false;
        }
        usageId = recorded.usageId();
        engagementId = recorded.engagementId();
        clientId = recorded.clientId();
        agentId = recorded.agentId();
        day = recorded.day();
        model = recorded.model();
        inputTokens = recorded.inputTokens();
        outputTokens = recorded.outputTokens();
        costMicroUsd = recorded.costMicroUsd();
        unpricedTokens = recorded.unpricedTokens();
        recordedAt = recorded.recordedAt();
        return true;
    }

    public long unbilledMicroUsd() {
        return costMicroUsd - billedMicroUsd;
    }

    /** Its cost is on an invoice now, up to the figures held. */
    public void billed() {
        billedMicroUsd = costMicroUsd;
    }
}
