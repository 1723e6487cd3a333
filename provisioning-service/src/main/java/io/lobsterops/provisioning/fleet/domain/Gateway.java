package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One engagement's OpenClaw gateway on a host: its own {@code --profile}, port and state directory. A gateway serves
 * exactly one client. Its token, model API key and bot token are sealed at rest.
 */
@Entity
@Table(name = "gateway")
public class Gateway {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(nullable = false)
    public String profile;

    @Column(nullable = false)
    public int port;

    @Column(name = "agent_id", nullable = false)
    public String agentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GatewayState state;

    @Column(name = "openclaw_version", nullable = false)
    public String openclawVersion;

    @Column(name = "token_sealed", nullable = false)
    public String tokenSealed;

    @Column(name = "model_provider_id", nullable = false)
    public String modelProviderId;

    @Column(name = "model_base_url", nullable = false)
    public String modelBaseUrl;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    @Column(name = "model_api_key_sealed", nullable = false)
    public String modelApiKeySealed;

    @Column(name = "model_price_input_usd")
    public java.math.BigDecimal modelPriceInputUsd;

    @Column(name = "model_price_output_usd")
    public java.math.BigDecimal modelPriceOutputUsd;

    @Column(name = "model_price_cache_read_usd")
    public java.math.BigDecimal modelPriceCacheReadUsd;

    @Column(name = "model_price_cache_write_usd")
    public java.math.BigDecimal modelPriceCacheWriteUsd;

    @Column(name = "telegram_token_sealed")
    public String telegramTokenSealed;

    @Column(name = "telegram_dm_policy")
    public String telegramDmPolicy;

    @Column(name = "telegram_allow_from")
    public String telegramAllowFrom;

    @Column(name = "deployed_commit")
    public String deployedCommit;

    @Column(name = "deployed_tag")
    public String deployedTag;

    @Column(name = "suspended_by")
    public String suspendedBy;

    @Column(name = "suspended_reason")
    public String suspendedReason;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    /** When the kill switch was pulled; the gateway is SUSPENDING until the host confirmed the stop. */
    @Column(name = "kill_requested_at")
    public Instant killRequestedAt;

    @Column(name = "kill_attempts", nullable = false)
    public int killAttempts;

    /** Why the last attempt to enforce a pending kill failed (host unreachable, command failed). */
    @Column(name = "kill_last_error")
    public String killLastError;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public Gateway() {
    }

    public String context(String secret) {
        return "gateway/" + id + "/" + secret;
    }

    /**
     * The kill switch is pulled: who and why are recorded before the host is touched, and the gateway is SUSPENDING
     * until the stop is confirmed. Pulling it again on a gateway already suspended or suspending changes nothing.
     */
    public void requestKill(String reason, String by, Instant now) {
        if (state == GatewayState.SUSPENDED || state == GatewayState.SUSPENDING) {
            return;
        }
        state = GatewayState.SUSPENDING;
        suspendedBy = by;
        suspendedReason = reason;
        suspendedAt = null;
        killRequestedAt = now;
        killAttempts = 0;
        killLastError = null;
        updatedAt = now;
    }

    /** What the model provider charges (USD per million tokens), or null when the supervisor gave no price. */
    public ModelPrice modelPrice() {
        if (modelPriceInputUsd == null && modelPriceOutputUsd == null) {
            return null;
        }
        return new ModelPrice(modelPriceInputUsd, modelPriceOutputUsd, modelPriceCacheReadUsd, modelPriceCacheWriteUsd);
    }

    public void price(ModelPrice price) {
        modelPriceInputUsd = price == null ? null : price.input();
        modelPriceOutputUsd = price == null ? null : price.output();
        modelPriceCacheReadUsd = price == null ? null : price.cacheRead();
        modelPriceCacheWriteUsd = price == null ? null : price.cacheWrite();
    }

    /** Stopped for good by its termination: it no longer counts on its host, nor holds its port there. */
    public void terminated(Instant now) {
        state = GatewayState.TERMINATED;
        updatedAt = now;
    }

    /**
     * Its sealed secrets deleted from the platform at termination. The columns are NOT NULL: an empty value is no
     * secret, and nothing can open it.
     */
    public void secretsDeleted(Instant now) {
        tokenSealed = "";
        modelApiKeySealed = "";
        telegramTokenSealed = null;
        updatedAt = now;
    }
}
