package io.lobsterops.notification.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.delivery.Claimed;
import io.lobsterops.notification.delivery.SendOutcome;
import io.lobsterops.notification.domain.Rendering;

/**
 * The Telegram Bot API subset notification-service uses: {@code sendMessage} (MarkdownV2, split at the length
 * limit on line boundaries, an inline "Acknowledge" button on the last part of a page), {@code editMessageText}
 * for a grouped message updated in place, {@code answerCallbackQuery} for a button press. A 429's
 * {@code retry_after} is honoured by rescheduling; the bot token never appears in a log or an error.
 */
@ApplicationScoped
public class TelegramBotApi {

    public static final String RECEIPT_PREFIX = "message_id ";
    public static final String ACK_PREFIX = "ack:";

    private final NotificationConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public TelegramBotApi(NotificationConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public SendOutcome send(Claimed delivery, String token) {
        List<String> parts = Rendering.split(Rendering.telegram(delivery.title(), delivery.body()),
                config.telegram().maxMessageLength());
        List<String> ids = new ArrayList<>(idsOf(delivery.receipt()));
        for (int i = delivery.partsSent(); i < parts.size(); i++) {
            ObjectNode request = json.createObjectNode().put("chat_id", delivery.address()).put("text", parts.get(i))
                    .put("parse_mode", "MarkdownV2");
            if (i == parts.size() - 1 && delivery.wantsAcknowledgement()) {
                request.set("reply_markup", acknowledgeButton(delivery));
            }
            Answer answer = call(token, "sendMessage", request);
            if (!answer.ok()) {
                return answer.failure(i, receipt(ids));
            }
            ids.add(answer.result().path("message_id").asText());
        }
        return SendOutcome.sent(receipt(ids), parts.size());
    }

    /** Edits the message already sent to the chat (its first part) into the message's newest text. */
    public SendOutcome edit(Claimed delivery, String token) {
        List<String> sent = idsOf(delivery.sentReceipt());
        if (sent.isEmpty()) {
            return SendOutcome.waitFor(Duration.ofSeconds(1), "the message to edit is not sent yet", 0, null);
        }
        String text = Rendering.split(Rendering.telegram(delivery.title(), delivery.body()),
                config.telegram().maxMessageLength()).getFirst();
        ObjectNode request = json.createObjectNode().put("chat_id", delivery.address())
                .put("message_id", Long.parseLong(sent.getFirst())).put("text", text).put("parse_mode", "MarkdownV2");
        if (delivery.wantsAcknowledgement()) {
            request.set("reply_markup", acknowledgeButton(delivery));
        }
        Answer answer = call(token, "editMessageText", request);
        if (!answer.ok() && !answer.description().contains("message is not modified")) {
            return answer.failure(0, null);
        }
        return SendOutcome.sent("edited " + RECEIPT_PREFIX + sent.getFirst(), 1);
    }

    /** Answers a button press (best effort: Telegram only stops the button's spinner). */
    public void answerCallback(String token, String callbackId, String text) {
        call(token, "answerCallbackQuery", json.createObjectNode().put("callback_query_id", callbackId)
                .put("text", text));
    }

    private ObjectNode acknowledgeButton(Claimed delivery) {
        ObjectNode markup = json.createObjectNode();
        markup.putArray("inline_keyboard").addArray().addObject().put("text", "Acknowledge")
                .put("callback_data", ACK_PREFIX + delivery.messageId());
        return markup;
    }

    public static List<String> idsOf(String receipt) {
        if (receipt == null || !receipt.contains(RECEIPT_PREFIX)) {
            return List.of();
        }
        String ids = receipt.substring(receipt.indexOf(RECEIPT_PREFIX) + RECEIPT_PREFIX.length()).strip();
        return ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
    }

    private static String receipt(List<String> ids) {
        return ids.isEmpty() ? null : RECEIPT_PREFIX + String.join(",", ids);
    }

    private Answer call(String token, String method, ObjectNode request) {
        try {
            HttpRequest http = HttpRequest.newBuilder(URI.create(config.telegram().apiRoot() + "/bot" + token + "/"
                            + method))
                    .timeout(config.delivery().sendTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))).build();
            HttpResponse<String> response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (IOException notJson) {
                body = json.createObjectNode();
            }
            boolean ok = response.statusCode() == 200 && body.path("ok").asBoolean(false);
            return new Answer(ok, response.statusCode(), body.path("result"),
                    body.path("description").asText("HTTP " + response.statusCode()),
                    body.path("parameters").path("retry_after").asLong(0));
        } catch (IOException e) {
            return new Answer(false, 0, null, "cannot reach the Telegram Bot API ("
                    + redact(String.valueOf(e.getMessage()), token) + ")", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, 0, null, "interrupted", 0);
        }
    }

    private static String redact(String text, String token) {
        return token == null || token.isEmpty() ? text : text.replace(token, "<bot token>");
    }

    /** One Bot API answer. */
    private record Answer(boolean ok, int status, JsonNode result, String description, long retryAfter) {

        SendOutcome failure(int partsSent, String receiptSoFar) {
            String error = status == 0 ? description : "Telegram answered " + status + ": " + description;
            if (status == 429) {
                return SendOutcome.waitFor(Duration.ofSeconds(Math.max(1, retryAfter)), error, partsSent,
                        receiptSoFar);
            }
            if (status == 0 || status >= 500) {
                return SendOutcome.retry(error, partsSent, receiptSoFar);
            }
            return SendOutcome.permanent(error, partsSent, receiptSoFar);
        }
    }
}
