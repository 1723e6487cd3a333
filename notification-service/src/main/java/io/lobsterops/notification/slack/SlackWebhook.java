package io.lobsterops.notification.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.delivery.Claimed;
import io.lobsterops.notification.delivery.SendOutcome;
import io.lobsterops.notification.domain.Rendering;

/**
 * A Slack incoming webhook: {@code POST} of {@code {"text": mrkdwn}} to the destination's (secret) URL; Slack answers
 * {@code ok}, a 429 with {@code Retry-After}, or an error word ({@code no_service}, {@code invalid_payload}). The URL
 * is the credential: it never appears in a log or an error.
 */
@ApplicationScoped
public class SlackWebhook {

    private final NotificationConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackWebhook(NotificationConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public SendOutcome send(Claimed delivery, String webhookUrl) {
        try {
            String payload = json.writeValueAsString(java.util.Map.of("text",
                    Rendering.slack(delivery.title(), delivery.body())));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(webhookUrl))
                    .timeout(config.delivery().sendTimeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            String answer = response.body() == null ? "" : response.body().strip();
            if (answer.length() > 200) {
                answer = answer.substring(0, 200);
            }
            int status = response.statusCode();
            if (status == 200) {
                return SendOutcome.sent("slack " + (answer.isEmpty() ? "ok" : answer), 1);
            }
            String error = "Slack answered " + status + ": " + answer;
            if (status == 429) {
                long after = response.headers().firstValueAsLong("Retry-After").orElse(1);
                return SendOutcome.waitFor(Duration.ofSeconds(Math.max(1, after)), error, 0, null);
            }
            return status >= 500 ? SendOutcome.retry(error, 0, null) : SendOutcome.permanent(error, 0, null);
        } catch (IOException e) {
            return SendOutcome.retry("cannot reach the Slack webhook (" + e.getClass().getSimpleName()
                    .replace("Exception", "") + ")", 0, null);
        } catch (IllegalArgumentException e) {
            return SendOutcome.permanent("the Slack webhook URL is not a valid URL", 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.retry("interrupted", 0, null);
        }
    }
}
