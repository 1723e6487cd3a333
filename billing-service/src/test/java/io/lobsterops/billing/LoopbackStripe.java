package io.lobsterops.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stripe's API, the subset billing-service uses, on a loopback port: {@code POST /v1/checkout/sessions} honouring the
 * {@code Idempotency-Key} header (the same key answers the same session) and {@code GET /v1/checkout/sessions}. Tests
 * drive it over HTTP ({@code /_test/...}): pay a session as a client would, count the sessions created. A test that
 * runs billing as a process uses it in-process too ({@link #beforeAnswer}, {@link #answered()}).
 */
public class LoopbackStripe implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionByKey = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger createRequests = new AtomicInteger();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile Consumer<Map<String, Object>> beforeAnswer = session -> {
    };

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        return Map.of("lobsterops.billing.stripe.api-base", base());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * Runs {@code hook} with every session a create request answers, once the session exists at Stripe and before the
     * answer is written (a crash test takes its hold there).
     */
    public void beforeAnswer(Consumer<Map<String, Object>> hook) {
        beforeAnswer = hook;
    }

    /** The session ids whose create answer was written in full to the caller, in order (one per request). */
    public List<String> answered() {
        return List.copyOf(answered);
    }

    /** How many create requests arrived, answered or not. */
    public int createRequests() {
        return createRequests.get();
    }

    /** The sessions Stripe holds for an invoice (by the metadata every session carries). */
    public List<Map<String, Object>> sessionsOf(String invoiceId) {
        return sessions.values().stream()
                .filter(session -> invoiceId.equals(((Map<?, ?>) session.get("metadata")).get("invoice_id")))
                .toList();
    }

    /** The client pays on Stripe's page: the session becomes paid; answers its payment intent. */
    public String pay(String sessionId) {
        Map<String, Object> session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("no such checkout.session: " + sessionId);
        }
        session.put("payment_status", "paid");
        session.put("status", "complete");
        session.put("payment_intent", "pi_" + sessionId.substring(3));
        return (String) session.get("payment_intent");
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
                createSession(exchange);
            } else if (method.equals("GET") && path.equals("/v1/checkout/sessions")) {
                respond(exchange, 200, Map.of("object", "list", "url", "/v1/checkout/sessions", "has_more", false,
                        "data", List.copyOf(sessions.values())));
            } else if (method.equals("POST") && path.startsWith("/_test/sessions/") && path.endsWith("/pay")) {
                String id = path.substring("/_test/sessions/".length(), path.length() - "/pay".length());
                if (!sessions.containsKey(id)) {
                    respond(exchange, 404, error("No such checkout.session: " + id));
                    return;
                }
                pay(id);
                respond(exchange, 200, sessions.get(id));
            } else if (method.equals("GET") && path.startsWith("/_test/sessions/")) {
                Map<String, Object> session = sessions.get(path.substring("/_test/sessions/".length()));
                respond(exchange, session == null ? 404 : 200, session == null ? error("no such session") : session);
            } else if (method.equals("POST") && path.equals("/_test/lose-next-answer")) {
                answersToLose.incrementAndGet();
                respond(exchange, 200, Map.of("armed", true));
            } else if (method.equals("GET") && path.equals("/_test/stats")) {
                respond(exchange, 200, Map.of("created", created.get(), "createRequests", createRequests.get()));
            } else {
                respond(exchange, 404, error("Unrecognized request URL (" + method + ": " + path + ")"));
            }
        }
    }

    private void createSession(HttpExchange exchange) throws IOException {
        createRequests.incrementAndGet();
        Map<String, String> form = form(exchange.getRequestBody());
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        Map<String, Object> session;
        synchronized (this) {
            String existing = key == null ? null : sessionByKey.get(key);
            if (existing != null) {
                session = sessions.get(existing);
            } else {
                String id = "cs_test_" + created.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
                session = new ConcurrentHashMap<>();
                session.put("id", id);
                session.put("object", "checkout.session");
                session.put("url", base() + "/pay/" + id);
                session.put("mode", "payment");
                session.put("status", "open");
                session.put("payment_status", "unpaid");
                session.put("livemode", false);
                session.put("created", System.currentTimeMillis() / 1000);
                session.put("client_reference_id", form.getOrDefault("client_reference_id", ""));
                session.put("currency", form.getOrDefault("line_items[0][price_data][currency]", "eur"));
                session.put("amount_total", Long.parseLong(form.getOrDefault(
                        "line_items[0][price_data][unit_amount]", "0")));
                Map<String, String> metadata = new LinkedHashMap<>();
                form.forEach((name, value) -> {
                    if (name.startsWith("metadata[")) {
                        metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
                    }
                });
                session.put("metadata", metadata);
                sessions.put(id, session);
                if (key != null) {
                    sessionByKey.put(key, id);
                }
            }
        }
        if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // the session exists, but its answer never reaches the caller (as when our process dies at that moment)
            respond(exchange, 500, error("the answer was lost"));
            return;
        }
        beforeAnswer.accept(session);
        respond(exchange, 200, session);
        answered.add((String) session.get("id"));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", Map.of("type", "invalid_request_error", "message", message));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_loopback");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
