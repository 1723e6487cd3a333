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

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.api.ProvisioningProblems;

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
     * A new gateway for the engagement on a host, PROVISIONING: its profile is the client id (cut to 24 characters)
     * and the start of its own id, so two gateways on one host never share a state directory. Its secrets, model and
     * channel are given next ({@link #sealedToken}, {@link #model}, {@link #telegram}); they need its id to be sealed.
     */
    public static Gateway place(UUID engagementId, String clientId, UUID hostId, int port, String openclawVersion,
            String by, Instant now) {
        Gateway gateway = new Gateway();
        gateway.id = UUID.randomUUID();
        gateway.engagementId = engagementId;
        gateway.clientId = clientId;
        gateway.hostId = hostId;
        gateway.profile = (clientId.length() > 24 ? clientId.substring(0, 24) : clientId) + "-"
                + gateway.id.toString().substring(0, 6);
        gateway.port = port;
        gateway.agentId = "main";
        gateway.state = GatewayState.PROVISIONING;
        gateway.openclawVersion = openclawVersion;
        gateway.createdBy = by;
        gateway.createdAt = now;
        gateway.updatedAt = now;
        return gateway;
    }

    /** The gateway's own token, sealed under {@code context("token")}. */
    public void sealedToken(String sealed) {
        tokenSealed = sealed;
    }

    /** The model it answers with, its API key sealed under {@code context("model-api-key")}, and its price if given. */
    public void model(String providerId, String baseUrl, String modelId, String apiKeySealed, ModelPrice price) {
        modelProviderId = providerId;
        modelBaseUrl = baseUrl;
        this.modelId = modelId;
        modelApiKeySealed = apiKeySealed;
        price(price);
    }

    /**
     * Its Telegram bot, the token sealed under {@code context("telegram-bot-token")}: direct messages by pairing unless
     * another policy is given, from the allow-listed users (none when not given).
     */
    public void telegram(String botTokenSealed, String dmPolicy, java.util.List<String> allowFrom) {
        telegramTokenSealed = botTokenSealed;
        telegramDmPolicy = dmPolicy == null ? "pairing" : dmPolicy;
        telegramAllowFrom = allowFrom == null ? "" : String.join(",", allowFrom);
    }

    /** Whether the kill switch holds it: suspended, or its stop not confirmed yet. */
    public boolean held() {
        return state == GatewayState.SUSPENDED || state == GatewayState.SUSPENDING;
    }

    /**
     * Its provisioning run succeeded: RUNNING, unless the kill switch holds it (it stays suspended). Answers whether
     * it runs for the first time, not after a rerun of a running gateway or while held.
     */
    public boolean provisioned(Instant now) {
        boolean first = state != GatewayState.RUNNING && !held();
        if (!held()) {
            state = GatewayState.RUNNING;
        }
        updatedAt = now;
        return first;
    }

    /** Its provisioning run failed: a gateway still PROVISIONING is FAILED; one already running stays as it is. */
    public void provisioningFailed(Instant now) {
        if (state == GatewayState.PROVISIONING) {
            state = GatewayState.FAILED;
        }
        updatedAt = now;
    }

    /** Its failed provisioning run goes again: a FAILED gateway is PROVISIONING again. */
    public void provisioningResumed() {
        if (state == GatewayState.FAILED) {
            state = GatewayState.PROVISIONING;
        }
    }

    /** {@code commit} (tagged {@code tag}) is deployed to its workspace: what an upgrade or a rollback goes back to. */
    public void deployed(String commit, String tag, Instant now) {
        deployedCommit = commit;
        deployedTag = tag;
        updatedAt = now;
    }

    /** It runs OpenClaw {@code version} from now on (the prefix its service starts from): upgraded or rolled back. */
    public void runsVersion(String version, Instant now) {
        openclawVersion = version;
        updatedAt = now;
    }

    /**
     * The kill switch is pulled: who and why are recorded before the host is touched, and the gateway is SUSPENDING
     * until the stop is confirmed. Pulling it again on a gateway already suspended or suspending changes nothing; a
     * terminated gateway refuses it ({@code gateway-terminated}).
     */
    public void requestKill(String reason, String by, Instant now) {
        refuseIfTerminated();
        if (held()) {
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

    /**
     * The host confirmed the stop the kill switch asked for: SUSPENDED from now. Answers false, changing nothing, when
     * the gateway is no longer SUSPENDING (resumed meanwhile, or already recorded by another attempt).
     */
    public boolean killConfirmed(Instant now) {
        if (state != GatewayState.SUSPENDING) {
            return false;
        }
        state = GatewayState.SUSPENDED;
        suspendedAt = now;
        killAttempts++;
        killLastError = null;
        updatedAt = now;
        return true;
    }

    /**
     * An attempt to enforce the pending kill failed for {@code error} (already redacted): counted and kept. Answers
     * whether it was the first failure (the one that opens an incident); a gateway no longer SUSPENDING is left as it
     * is.
     */
    public boolean killFailed(String error, Instant now) {
        if (state != GatewayState.SUSPENDING) {
            return false;
        }
        boolean first = killLastError == null && killAttempts == 0;
        killAttempts++;
        killLastError = error;
        updatedAt = now;
        return first;
    }

    /** Refuses ({@code gateway-not-running}) to resume a gateway the kill switch does not hold. */
    public void refuseResumeUnlessHeld() {
        if (!held()) {
            throw new ProblemException(ProvisioningProblems.GATEWAY_NOT_RUNNING, "Gateway " + id + " is " + state
                    + "; only a SUSPENDED (or SUSPENDING) gateway is resumed.");
        }
    }

    /** Started again after the kill switch (a kill still pending is cancelled): RUNNING. */
    public void resumed(Instant now) {
        refuseResumeUnlessHeld();
        state = GatewayState.RUNNING;
        killRequestedAt = null;
        killLastError = null;
        updatedAt = now;
    }

    /** Refuses ({@code gateway-terminated}) any work for a terminated gateway: it is gone from its host. */
    public void refuseIfTerminated() {
        if (state == GatewayState.TERMINATED) {
            throw new ProblemException(ProvisioningProblems.GATEWAY_TERMINATED, "Gateway " + id + " was terminated:"
                    + " it no longer runs on its host and keeps only its record and certificate.");
        }
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
