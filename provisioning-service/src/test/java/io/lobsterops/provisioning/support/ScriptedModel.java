package io.lobsterops.provisioning.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's scriptable loopback model, {@code dev/support/fake_model.py}, started on a free port for one test class:
 * its answers are scripted per prompt pattern ({@code POST /script}), so a gold set passes or fails on purpose.
 */
public final class ScriptedModel implements AutoCloseable {

    public static final String MODEL = "local-fake-model";

    private final Process process;
    private final int port;

    private ScriptedModel(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ScriptedModel start() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("dev/support/fake_model.py"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("dev/support/fake_model.py not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Process process = new ProcessBuilder("python3", root.resolve("dev/support/fake_model.py").toString(), "0")
                    .redirectErrorStream(true).start();
            String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null || !first.startsWith("listening on ")) {
                process.destroy();
                throw new IllegalStateException("the fake model did not start: " + first);
            }
            return new ScriptedModel(process, Integer.parseInt(first.substring("listening on ".length()).strip()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Replaces the script: {@code {"rules": [{"match": REGEX, "answer": TEXT | "refuse": true}], "default": TEXT}}. */
    public void script(String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/script")).POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("script refused: " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
