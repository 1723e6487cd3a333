package io.lobsterops.provisioning.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a server-sent event stream on a virtual thread and keeps each event's data. */
public final class SseRecorder {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    public static SseRecorder open(String url, String token) {
        SseRecorder recorder = new SseRecorder();
        Thread.ofVirtual().name("sse-recorder").start(() -> recorder.read(url, token));
        return recorder;
    }

    private void read(String url, String token) {
        try {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null;) {
                    if (line.startsWith("data:")) {
                        events.add(line.substring(5).strip());
                    }
                }
            }
        } catch (Exception e) {
            events.add("ERROR " + e);
        } finally {
            completed = true;
        }
    }

    public List<String> events() {
        return events;
    }

    public boolean completed() {
        return completed;
    }
}
