package io.lobsterops.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lobsterops.testkit.Loopback;

/**
 * A loopback Telegram Bot API speaking the subset notification-service uses: {@code sendMessage},
 * {@code editMessageText}, {@code answerCallbackQuery}, JSON bodies. Like Telegram, it refuses a MarkdownV2 text with
 * an unescaped reserved character ("can't parse entities") and a text over 4,096 characters, and answers 401 to
 * another token. A chat can be told to fail (500) or to be rate limited (429 with {@code retry_after}) a number of
 * times.
 */
public final class FakeTelegram {

    public static final String BOT_TOKEN = "7309876543:AAF" + "loopbackNotificationBotToken_42";
    static final String RESERVED = "_*[]()~`>#+-=|{}.!\\";

    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1000);
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    private final Object release = new Object();

    /** One accepted or refused call: method, the chat, its parameters, the answer's status. */
    public record Call(String method, String chatId, JsonNode params, int status, Instant at) {

        public String text() {
            return params.path("text").asText();
        }
    }

    public void start() {
        server = Loopback.httpServer(this::handle);
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public String apiRoot() {
        return Loopback.baseUrl(server);
    }

    /** The next {@code times} sends to {@code chatId} answer 500. */
    public void failNext(String chatId, int times) {
        failures.put(chatId, new AtomicInteger(times));
    }

    /** The next {@code times} sends to {@code chatId} answer 429 with retry_after 1. */
    public void rateLimitNext(String chatId, int times) {
        rateLimited.put(chatId, new AtomicInteger(times));
    }

    /**
     * Sends to {@code chatId} are accepted (recorded as received, as Telegram would show them) but not answered until
     * {@link #release()}: the sender is left with a message in flight.
     */
    public void hold(String chatId) {
        held.add(chatId);
    }

    public void release() {
        held.clear();
        synchronized (release) {
            release.notifyAll();
        }
    }

    /** Every call to a chat, accepted or not, in order. */
    public List<Call> callsTo(String chatId) {
        return calls.stream().filter(call -> chatId.equals(call.chatId())).toList();
    }

    /** The messages a chat received (sendMessage answered 200), in order. */
    public List<Call> sentTo(String chatId) {
        return calls.stream().filter(call -> chatId.equals(call.chatId()) && call.method().equals("sendMessage")
                && call.status() == 200).toList();
    }

    public List<Call> editsIn(String chatId) {
        return calls.stream().filter(call -> chatId.equals(call.chatId()) && call.method().equals("editMessageText")
                && call.status() == 200).toList();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                send(exchange, 404, error(404, "Not Found", 0));
                return;
            }
            String method = path.group(2);
            JsonNode params = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (params == null || !params.isObject()) {
                params = JSON.createObjectNode();
            }
            String chatId = params.path("chat_id").asText(null);
            int status;
            ObjectNode answer;
            if (!BOT_TOKEN.equals(path.group(1))) {
                status = 401;
                answer = error(401, "Unauthorized", 0);
            } else if (method.equals("answerCallbackQuery")) {
                status = 200;
                answer = ok(JSON.getNodeFactory().booleanNode(true));
            } else if (countDown(rateLimited, chatId)) {
                status = 429;
                answer = error(429, "Too Many Requests: retry after 1", 1);
            } else if (countDown(failures, chatId)) {
                status = 500;
                answer = error(500, "Internal Server Error", 0);
            } else {
                String problem = problemWith(params.path("text").asText(""));
                if (problem != null) {
                    status = 400;
                    answer = error(400, "Bad Request: " + problem, 0);
                } else {
                    status = 200;
                    ObjectNode message = JSON.createObjectNode()
                            .put("message_id", method.equals("editMessageText") ? params.path("message_id").asInt()
                                    : nextMessageId.incrementAndGet())
                            .put("date", Instant.now().getEpochSecond()).put("text", params.path("text").asText());
                    message.putObject("chat").put("id", chatId).put("type", "group");
                    answer = ok(message);
                }
            }
            calls.add(new Call(method, chatId, params, status, Instant.now()));
            waitWhileHeld(chatId);
            try {
                send(exchange, status, answer);
            } catch (IOException senderGone) {
                // the sender died while its message was held: Telegram has it, the sender never heard
            }
        }
    }

    private void waitWhileHeld(String chatId) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        synchronized (release) {
            while (chatId != null && held.contains(chatId) && System.nanoTime() < deadline) {
                try {
                    release.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What Telegram would refuse in a MarkdownV2 text, or null. */
    static String problemWith(String text) {
        if (text.isEmpty()) {
            return "message text is empty";
        }
        if (text.length() > 4096) {
            return "message is too long";
        }
        boolean code = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '`') {
                code = !code;
            } else if (!code && c != '*' && RESERVED.indexOf(c) >= 0) {
                return "can't parse entities: character '" + c + "' is reserved and must be escaped";
            }
        }
        return code ? "can't parse entities: unclosed code" : null;
    }

    private static boolean countDown(Map<String, AtomicInteger> counters, String chatId) {
        AtomicInteger left = chatId == null ? null : counters.get(chatId);
        return left != null && left.getAndDecrement() > 0;
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return body;
    }

    private static ObjectNode error(int code, String description, int retryAfter) {
        ObjectNode body = JSON.createObjectNode().put("ok", false).put("error_code", code).put("description",
                description);
        if (retryAfter > 0) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        return body;
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
