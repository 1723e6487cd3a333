package io.lobsterops.notification.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.service.InboxService;
import io.lobsterops.notification.telegram.TelegramBotApi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Telegram's webhook (ADR 0014: a webhook, not getUpdates). Telegram calls it with no bearer token; the
 * {@code X-Telegram-Bot-Api-Secret-Token} header set with {@code setWebhook} is what authenticates it. A
 * {@code callback_query} whose data is {@code ack:<message id>} acknowledges that page; every other update is
 * accepted and ignored (Telegram would otherwise deliver it again and again).
 */
@Path("/telegram/webhook")
@Tag(name = "Telegram", description = "Telegram's webhook: the Acknowledge button")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class TelegramWebhookResource {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = Logger.getLogger(TelegramWebhookResource.class);

    private final NotificationConfig config;
    private final InboxService inbox;
    private final TelegramBotApi telegram;

    public TelegramWebhookResource(NotificationConfig config, InboxService inbox, TelegramBotApi telegram) {
        this.config = config;
        this.inbox = inbox;
        this.telegram = telegram;
    }

    @POST
    @Operation(summary = "Telegram updates; a button press acknowledges its page (secret-token header required)")
    public Uni<Map<String, Object>> update(@HeaderParam(SECRET_HEADER) String secret, JsonNode update) {
        String expected = config.telegram().webhookSecret().orElse(null);
        if (expected == null || secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The " + SECRET_HEADER + " header does not match.");
        }
        if (update == null || !update.isObject()) {
            throw ProblemException.badRequest("An update is a JSON object.");
        }
        JsonNode callback = update.path("callback_query");
        String data = callback.path("data").asText("");
        if (callback.isMissingNode() || !data.startsWith(TelegramBotApi.ACK_PREFIX)) {
            return Uni.createFrom().item(Map.of("handled", false));
        }
        UUID messageId;
        try {
            messageId = UUID.fromString(data.substring(TelegramBotApi.ACK_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Map.of("handled", false));
        }
        String chatId = callback.path("message").path("chat").path("id").asText("");
        JsonNode from = callback.path("from");
        String by = "telegram:" + (from.hasNonNull("username") ? "@" + from.path("username").asText()
                : from.path("first_name").asText("") + " (" + from.path("id").asText("?") + ")");
        String callbackId = callback.path("id").asText("");
        return inbox.acknowledgeFromTelegram(messageId, chatId, by).map(message -> {
            String answer = message == null ? "This page cannot be acknowledged here."
                    : "Acknowledged by " + message.acknowledgedBy.replaceFirst("^telegram:", "");
            config.telegram().botToken().ifPresent(token -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    telegram.answerCallback(token, callbackId, answer);
                } catch (RuntimeException e) {
                    LOG.debugf("answerCallbackQuery failed: %s", e.getClass().getSimpleName());
                }
            }));
            return Map.<String, Object> of("handled", message != null);
        });
    }
}
