package io.lobsterops.notification.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.notification.domain.Channel;

/**
 * A destination. {@code clientId} binds it to a client (absent: a staff destination, on the on-duty list when
 * {@code onDutyRank} is given). {@code address}: the Telegram chat id or the e-mail address. {@code secret}: a
 * Telegram bot token of its own (else the agency's bot) or the Slack incoming-webhook URL; write-only, sealed.
 */
public record DestinationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull Channel channel,
        @Size(max = 100) String clientId,
        @Size(max = 200) String person,
        @Size(max = 320) String address,
        @Size(max = 2000) String secret,
        @Min(1) @Max(100) Integer onDutyRank,
        Boolean enabled) {
}
