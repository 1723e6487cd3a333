package io.lobsterops.monitoring.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.probe.MonitoringAccess;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.ProbeOutcome;
import io.lobsterops.monitoring.domain.ProbeResult;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * One sweep of every gateway's {@code /readyz}: per host, the kept SSH connection and a port-forwarding channel per
 * gateway (no remote process per probe), channels in flight per host capped below sshd's MaxSessions, every host
 * and every channel on a virtual thread. Blocking: run it off the event loop.
 */
@ApplicationScoped
public class GatewaySweep {

    private static final byte[] REQUEST = ("GET /readyz HTTP/1.0\r\nHost: " + MonitoringAccess.GATEWAY_ADDRESS
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private static final String NOT_PERMITTED = "forwarding to port ";

    private final HostConnections connections;
    private final MonitoringConfig.Probes config;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("readyz-deadline").factory());

    public GatewaySweep(HostConnections connections, MonitoringConfig config) {
        this.connections = connections;
        this.config = config.probes();
    }

    /** Probes every gateway of every host and answers one result per gateway. */
    public List<ProbeResult> sweep(List<HostTarget> hosts) {
        connections.retain(hosts.stream().map(HostTarget::hostId).toList());
        List<Future<List<ProbeResult>>> perHost = new ArrayList<>();
        for (HostTarget host : hosts) {
            perHost.add(threads.submit(() -> sweepHost(host)));
        }
        List<ProbeResult> results = new ArrayList<>();
        for (Future<List<ProbeResult>> future : perHost) {
            try {
                results.addAll(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("sweep of a host failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    private List<ProbeResult> sweepHost(HostTarget host) {
        long start = System.nanoTime();
        SSHClient ssh;
        try {
            ssh = connections.connection(host);
        } catch (HostConnections.Unusable e) {
            long millis = elapsed(start);
            return host.gateways().stream().map(g -> new ProbeResult(g.gatewayId(), e.outcome(), e.getMessage(),
                    millis, now())).toList();
        }
        Semaphore inFlight = new Semaphore(Math.max(1, config.channelsPerHost()));
        List<Future<ProbeResult>> probes = new ArrayList<>();
        for (HostTarget.GatewayTarget gateway : host.gateways()) {
            probes.add(threads.submit(() -> {
                inFlight.acquire();
                try {
                    return ready(ssh, gateway);
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<ProbeResult> results = new ArrayList<>();
        boolean connectionLost = false;
        for (int i = 0; i < probes.size(); i++) {
            HostTarget.GatewayTarget gateway = host.gateways().get(i);
            ProbeResult result;
            try {
                result = probes.get(i).get(config.requestTimeout().toMillis() * (1 + probes.size()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY, "interrupted", 0, now());
            } catch (ExecutionException | TimeoutException e) {
                probes.get(i).cancel(true);
                result = new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY,
                        "no answer: " + e.getClass().getSimpleName(), elapsed(start), now());
            }
            connectionLost |= !ssh.isConnected();
            results.add(result);
        }
        if (results.stream().anyMatch(r -> r.detail() != null && r.detail().startsWith(NOT_PERMITTED))) {
            // sshd reads the key's permitopen options when the connection authenticates: a port granted since (a
            // gateway installed on the host) is refused on the kept connection until monitoring logs in again
            connections.dropped(host);
        }
        if (connectionLost) {
            // the connection dropped under the probes: their failures say nothing about the gateways
            connections.dropped(host);
            long millis = elapsed(start);
            return host.gateways().stream().map(g -> new ProbeResult(g.gatewayId(), ProbeOutcome.HOST_UNREACHABLE,
                    "the SSH connection dropped during the sweep", millis, now())).toList();
        }
        return results;
    }

    /** {@code GET /readyz} through a forwarding channel to the gateway's loopback port. */
    ProbeResult ready(SSHClient ssh, HostTarget.GatewayTarget gateway) {
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        try (DirectConnection channel = ssh.newDirectConnection(MonitoringAccess.GATEWAY_ADDRESS, gateway.port())) {
            // a hung gateway accepts and never answers: close the channel at the deadline, which ends the read
            java.util.concurrent.ScheduledFuture<?> deadline = timers.schedule(() -> {
                timedOut.set(true);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }, config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            OutputStream out = channel.getOutputStream();
            out.write(REQUEST);
            out.flush();
            String status = statusLine(channel.getInputStream());
            deadline.cancel(false);
            long millis = elapsed(start);
            if (timedOut.get()) {
                return new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY, "/readyz did not answer"
                        + " within " + config.requestTimeout().toMillis() + " ms", millis, now());
            }
            if (status.matches("HTTP/1\\.[01] 200( .*)?")) {
                return new ProbeResult(gateway.gatewayId(), ProbeOutcome.READY, "/readyz 200", millis, now());
            }
            return new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY,
                    status.isEmpty() ? "/readyz closed without an answer" : "/readyz answered " + status, millis,
                    now());
        } catch (OpenFailException e) {
            return new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY,
                    e.getReason() == OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED
                            ? NOT_PERMITTED + gateway.port() + " not permitted for monitoring's key"
                            : "nothing listens on port " + gateway.port() + " (" + e.getReason() + ")",
                    elapsed(start), now());
        } catch (IOException e) {
            return new ProbeResult(gateway.gatewayId(), ProbeOutcome.GATEWAY_NOT_READY, timedOut.get()
                    ? "/readyz did not answer within " + config.requestTimeout().toMillis() + " ms"
                    : "/readyz failed: " + e.getMessage(), elapsed(start), now());
        }
    }

    /** The HTTP status line, read byte by byte up to the first line end (or what came before the stream closed). */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n' && line.length() < 200; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static long elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
        timers.shutdownNow();
    }
}
