package io.lobsterops.monitoring.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One agent's model usage on one UTC day, as its gateway counted it. The id is derived from (gateway, agent, day), so
 * reading the same day again replaces the figures instead of adding to them; the same id is the usage.recorded id
 * billing bills by.
 */
@Entity
@Table(name = "usage_day")
public class UsageDay {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    @Column(name = "agent_id", nullable = false)
    public String agentId;

    @Column(nullable = false)
    public LocalDate day;

    public String model;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cache_read_tokens", nullable = false)
    public long cacheReadTokens;

    @Column(name = "cache_write_tokens", nullable = false)
    public long cacheWriteTokens;

    @Column(name = "cost_micro_usd", nullable = false)
    public long costMicroUsd;

    @Column(name = "unpriced_tokens", nullable = false)
    public boolean unpricedTokens;

    @Column(name = "final_for_day", nullable = false)
    public boolean finalForDay;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected UsageDay() {
    }

    public static UUID idOf(UUID gatewayId, String agentId, LocalDate day) {
        return UUID.nameUUIDFromBytes(("usage/" + gatewayId + "/" + agentId + "/" + day).getBytes(StandardCharsets.UTF_8));
    }

    public static UsageDay of(MonitoredGateway gateway, UsageReading reading, Instant at) {
        UsageDay usage = new UsageDay();
        usage.id = idOf(gateway.gatewayId, reading.agentId(), reading.day());
        usage.engagementId = gateway.engagementId;
        usage.clientId = gateway.clientId;
        usage.gatewayId = gateway.gatewayId;
        usage.agentId = reading.agentId();
        usage.day = reading.day();
        usage.replaceWith(reading, at);
        return usage;
    }

    /**
     * The day read again: its figures replace the stored ones. Answers whether anything changed, so that an
     * unchanged re-read publishes nothing.
     */
    public boolean replaceWith(UsageReading reading, Instant at) {
        boolean changed = inputTokens != reading.inputTokens() || outputTokens != reading.outputTokens()
                || cacheReadTokens != reading.cacheReadTokens() || cacheWriteTokens != reading.cacheWriteTokens()
                || costMicroUsd != reading.costMicroUsd() || finalForDay != reading.finalForDay()
                || !java.util.Objects.equals(model, reading.model()) || updatedAt == null;
        model = reading.model();
        inputTokens = reading.inputTokens();
        outputTokens = reading.outputTokens();
        cacheReadTokens = reading.cacheReadTokens();
        cacheWriteTokens = reading.cacheWriteTokens();
        costMicroUsd = reading.costMicroUsd();
        unpricedTokens = reading.unpriced();
        finalForDay = reading.finalForDay();
        if (changed) {
            updatedAt = at;
        }
        return changed;
    }

    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
