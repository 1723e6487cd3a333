package io.lobsterops.monitoring.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a gateway's HTTP port on loopback: answers {@code /readyz} with 200 while ready, 503 while not,
 * the way OpenClaw does during start-up. The SSH forwarding in front of it is the real sshd's.
 */
public final class ReadyzResponder implements AutoCloseable {

    private final HttpServer server;
    private volatile boolean ready;

    public ReadyzResponder(boolean ready) throws IOException {
        this.ready = ready;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/readyz", exchange -> {
            byte[] body = (this.ready ? "{\"ready\":true,\"failing\":[]}"
                    : "{\"ready\":false,\"failing\":[\"startup-sidecars\"]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(this.ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
