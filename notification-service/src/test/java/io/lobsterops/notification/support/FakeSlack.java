package io.lobsterops.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lobsterops.testkit.Loopback;

/**
 * A loopback stand-in for Slack incoming webhooks: {@code POST /services/<team>/<bot>/<secret>} with
 * {@code {"text": ...}} answers {@code ok}; a path containing {@code gone} answers 404 {@code no_service} (a
 * revoked webhook), one containing {@code broken} answers 500.
 */
public final class FakeSlack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    /** One webhook call as received. */
    public record Post(String path, JsonNode body, int status) {
    }

    public void start() {
        server = Loopback.httpServer(this::handle);
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A webhook URL on this server; {@code name} decides its behaviour (see the class comment). */
    public String webhook(String name) {
        return Loopback.baseUrl(server) + "/services/T0LOOP/B0LOOP/" + name;
    }

    public List<Post> postsTo(String webhookUrl) {
        String path = webhookUrl.substring(webhookUrl.indexOf("/services/"));
        return posts.stream().filter(post -> post.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            int status;
            String answer;
            if (!path.startsWith("/services/") || path.contains("gone")) {
                status = 404;
                answer = "no_service";
            } else if (path.contains("broken")) {
                status = 500;
                answer = "internal_error";
            } else if (body == null || !body.hasNonNull("text")) {
                status = 400;
                answer = "invalid_payload";
            } else {
                status = 200;
                answer = "ok";
            }
            posts.add(new Post(path, body, status));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
