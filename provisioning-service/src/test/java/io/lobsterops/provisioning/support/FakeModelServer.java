package io.lobsterops.provisioning.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lobsterops.testkit.Loopback;

/**
 * A loopback OpenAI-compatible model: {@code GET /v1/models} lists one model, {@code POST /v1/chat/completions}
 * answers one sentence, as JSON or as SSE chunks when {@code stream} is true, with a {@code usage} block. It keeps
 * every request body so tests can see what the gateway sent (e.g. the system prompt with the deployed SOUL.md).
 */
public final class FakeModelServer implements AutoCloseable {

    public static final String MODEL = "fake-model";
    public static final String ANSWER = "Hello from the fake LLM.";
    private static final String USAGE = "{\"prompt_tokens\":1234,\"completion_tokens\":56,\"total_tokens\":1290}";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeModelServer() {
        this.server = Loopback.httpServer(this::handle);
    }

    public static FakeModelServer start() {
        return new FakeModelServer();
    }

    public String baseUrl() {
        return Loopback.baseUrl(server) + "/v1";
    }

    public List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("GET".equals(exchange.getRequestMethod())) {
                send(exchange, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                        + "\",\"object\":\"model\",\"owned_by\":\"test\"}]}");
                return;
            }
            requests.add(body);
            if (body.replace(" ", "").contains("\"stream\":true")) {
                String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
                        + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + ANSWER
                        + "\"},\"finish_reason\":null}]}";
                String stop = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
                        + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
                String usage = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
                        + "\",\"choices\":[],\"usage\":" + USAGE + "}";
                send(exchange, "text/event-stream", "data: " + chunk + "\n\ndata: " + stop + "\n\ndata: " + usage
                        + "\n\ndata: [DONE]\n\n");
            } else {
                send(exchange, "application/json", "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\""
                        + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                        + ANSWER + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + "}");
            }
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
