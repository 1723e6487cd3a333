package io.lobsterops.provisioning.fleet.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.lobsterops.provisioning.fleet.domain.ModelPrice;

/**
 * {@code POST /engagements/{id}/gateways}: where the engagement's gateway runs, which model it uses and, optionally,
 * its Telegram bot. Secrets in here are sealed at rest and never answered back.
 */
public record PlaceGatewayRequest(
        @NotNull UUID hostId,
        @NotNull @Valid Model model,
        @Valid Telegram telegram) {

    public record Model(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,40}$", message = "must be a short slug") String providerId,
            @NotBlank @Pattern(regexp = "^https?://[^\\s'\"]{1,500}$", message = "must be an http(s) URL") String baseUrl,
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9._:/@-]{1,200}$", message = "must be a model id") String modelId,
            @NotBlank @Size(max = 500) @Pattern(regexp = "^[^\\s]+$", message = "must not contain spaces") String apiKey,
            @Valid Price price) {

        @Override
        public String toString() {
            return "Model[" + providerId + " " + baseUrl + " " + modelId + "]";
        }
    }

    /**
     * What the provider charges for the model, in USD per million tokens (cache prices default to 0): the gateway
     * prices every turn with it, which is what monitoring reports and billing re-bills. Without it the model's tokens
     * are counted unpriced.
     */
    public record Price(
            @NotNull @DecimalMin("0") @DecimalMax("10000") @Digits(integer = 5, fraction = 6) BigDecimal inputPerMillionUsd,
            @NotNull @DecimalMin("0") @DecimalMax("10000") @Digits(integer = 5, fraction = 6) BigDecimal outputPerMillionUsd,
            @DecimalMin("0") @DecimalMax("10000") @Digits(integer = 5, fraction = 6) BigDecimal cacheReadPerMillionUsd,
            @DecimalMin("0") @DecimalMax("10000") @Digits(integer = 5, fraction = 6) BigDecimal cacheWritePerMillionUsd) {

        public ModelPrice toDomain() {
            return new ModelPrice(inputPerMillionUsd, outputPerMillionUsd, cacheReadPerMillionUsd, cacheWritePerMillionUsd);
        }
    }

    public record Telegram(
            @NotBlank @Pattern(regexp = "^\\d{3,15}:[A-Za-z0-9_-]{20,100}$", message = "must be a Telegram bot token") String botToken,
            @Pattern(regexp = "^(pairing|allowlist|disabled)$", message = "must be pairing, allowlist or disabled (never open)") String dmPolicy,
            List<@Pattern(regexp = "^\\d{1,20}$", message = "must be a Telegram user id") String> allowFrom) {

        @Override
        public String toString() {
            return "Telegram[" + dmPolicy + "]";
        }
    }
}
