package io.lobsterops.provisioning.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lobsterops.testkit.Loopback;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A loopback Telegram Bot API speaking the subset a polling OpenClaw gateway uses: {@code /bot<token>/<method>} with
 * JSON, form or query parameters; {@code getMe}, {@code getUpdates} (long polling, offsets acknowledge), message
 * sends and edits (kept, so a test reads what the bot answered), and {@code true} for the housekeeping calls
 * (webhook, commands, chat actions). A request with another token gets Telegram's 401. Provisioning points the
 * gateways it configures here through {@code lobsterops.provisioning.telegram.api-root}.
 */
public final class FakeTelegramBotApi implements QuarkusTestResourceLifecycleManager {

    public static final String BOT_TOKEN = "7301234567:AAH" + "fakeLoopbackBotTokenForTests_0123";
    public static final long BOT_ID = 7301234567L;

    private static volatile FakeTelegramBotApi running;

    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    private final Map<Long, Integer> messageIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextUpdate = new AtomicInteger(1);
    private final Object arrived = new Object();

    /** One Bot API call as received: method, whether the token was right, its parameters. */
    public record Call(String method, boolean authorized, JsonNode params, Instant at) {
    }

    public static FakeTelegramBotApi instance() {
        if (running == null) {
            throw new IllegalStateException("the fake Telegram Bot API is not started (test resource missing)");
        }
        return running;
    }

    @Override
    public Map<String, String> start() {
        server = Loopback.httpServer(this::handle);
        running = this;
        return Map.of("lobsterops.provisioning.telegram.api-root", apiRoot());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        running = null;
    }

    public String apiRoot() {
        return Loopback.baseUrl(server);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The texts the bot sent or edited into {@code chatId}, in order. */
    public List<String> textsTo(long chatId) {
        List<String> texts = new ArrayList<>();
        for (Call call : calls) {
            if (call.authorized() && (call.method().equals("sendMessage") || call.method().equals("editMessageText"))
                    && call.params().path("chat_id").asLong() == chatId) {
                texts.add(call.params().path("text").asText());
            }
        }
        return texts;
    }

    /** Queues a private text message from a Telegram user to the bot, delivered by the next {@code getUpdates}. */
    public void userWrites(long userId, String firstName, String text) {
        ObjectNode user = JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", firstName)
                .put("language_code", "en");
        ObjectNode chat = JSON.createObjectNode().put("id", userId).put("type", "private").put("first_name", firstName);
        ObjectNode message = JSON.createObjectNode().put("message_id", nextMessageId(userId))
                .put("date", Instant.now().getEpochSecond()).put("text", text);
        message.set("from", user);
        message.set("chat", chat);
        ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdate.getAndIncrement());
        update.set("message", message);
        updates.add(update);
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    private int nextMessageId(long chatId) {
        return messageIds.merge(chatId, 1, Integer::sum);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                send(exchange, 404, error(404, "Not Found"));
                return;
            }
            boolean authorized = BOT_TOKEN.equals(path.group(1));
            String method = path.group(2);
            JsonNode params = params(exchange);
            calls.add(new Call(method, authorized, params, Instant.now()));
            if (!authorized) {
                send(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            send(exchange, 200, ok(answer(method, params)));
        }
    }

    private JsonNode answer(String method, JsonNode params) {
        return switch (method) {
            case "getMe" -> JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                    .put("first_name", "Lobster Test Bot").put("username", "lobster_test_bot")
                    .put("can_join_groups", true).put("can_read_all_group_messages", false)
                    .put("supports_inline_queries", false);
            case "getUpdates" -> pendingUpdates(params.path("offset").asLong(0),
                    Math.min(params.path("timeout").asLong(0), 5));
            case "sendMessage", "editMessageText" -> {
                long chatId = params.path("chat_id").asLong();
                ObjectNode chat = JSON.createObjectNode().put("id", chatId).put("type", "private");
                ObjectNode from = JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                        .put("first_name", "Lobster Test Bot");
                ObjectNode message = JSON.createObjectNode()
                        .put("message_id", method.equals("editMessageText") ? params.path("message_id").asInt()
                                : nextMessageId(chatId))
                        .put("date", Instant.now().getEpochSecond()).put("text", params.path("text").asText());
                message.set("chat", chat);
                message.set("from", from);
                yield message;
            }
            case "getMyCommands" -> JSON.createArrayNode();
            case "getWebhookInfo" -> JSON.createObjectNode().put("url", "").put("has_custom_certificate", false)
                    .put("pending_update_count", 0);
            case "getChat" -> JSON.createObjectNode().put("id", params.path("chat_id").asLong()).put("type", "private");
            default -> JSON.getNodeFactory().booleanNode(true);
        };
    }

    /** Updates from {@code offset} on, waiting up to {@code timeoutSeconds} for one as Telegram's long polling does. */
    private ArrayNode pendingUpdates(long offset, long timeoutSeconds) {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            if (offset > 0) {
                updates.removeIf(update -> update.path("update_id").asLong() < offset);
            }
            ArrayNode result = JSON.createArrayNode();
            updates.forEach(result::add);
            long left = deadline - System.nanoTime();
            if (!result.isEmpty() || left <= 0) {
                return result;
            }
            synchronized (arrived) {
                try {
                    arrived.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
            }
        }
    }

    private static JsonNode params(HttpExchange exchange) throws IOException {
        ObjectNode params = JSON.createObjectNode();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, params);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (body.length > 0 && type.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            if (json.isObject()) {
                params.setAll((ObjectNode) json);
            }
        } else if (body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) {
            form(new String(body, StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static void form(String encoded, ObjectNode into) {
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return body;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
