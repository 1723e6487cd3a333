package io.lobsterops.monitoring.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.ProbeOutcome;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * monitoring's SSH connections, one per host, kept open across sweeps and opened again with exponential backoff
 * when they drop. It logs in with monitoring's own key (never provisioning's) and accepts only the pinned host key:
 * another key is refused and reported, never trusted. Blocking: call from a virtual thread, never the event loop.
 */
@ApplicationScoped
public class HostConnections {

    private static final Logger LOG = Logger.getLogger(HostConnections.class);

    private final MonitoringConfig.Probes config;
    private final DefaultConfig sshConfig = new DefaultConfig();
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private volatile KeyProvider key;

    public HostConnections(MonitoringConfig config) {
        this.config = config.probes();
    }

    /** Why a host could not be used: the outcome every gateway on it gets, and a short detail. */
    public static final class Unusable extends Exception {

        private final ProbeOutcome outcome;

        Unusable(ProbeOutcome outcome, String detail) {
            super(detail, null, false, false);
            this.outcome = outcome;
        }

        public ProbeOutcome outcome() {
            return outcome;
        }
    }

    private static final class Held {
        SSHClient client;
        String fingerprint;
        long retryAtNanos;
        Duration backoff = Duration.ZERO;
        String lastFailure;
        ProbeOutcome lastOutcome;
    }

    /** An authenticated connection to {@code target}: the kept one, or a new one when due. */
    public SSHClient connection(HostTarget target) throws Unusable {
        Held state = held.computeIfAbsent(target.hostId(), id -> new Held());
        synchronized (state) {
            if (state.client != null && state.client.isConnected() && state.client.isAuthenticated()
                    && target.pinnedFingerprint().equals(state.fingerprint)) {
                return state.client;
            }
            close(state);
            if (System.nanoTime() < state.retryAtNanos) {
                throw new Unusable(state.lastOutcome, state.lastFailure + " (next attempt in "
                        + Duration.ofNanos(state.retryAtNanos - System.nanoTime()).toSeconds() + " s)");
            }
            try {
                state.client = open(target);
                state.fingerprint = target.pinnedFingerprint();
                state.backoff = Duration.ZERO;
                state.retryAtNanos = 0;
                return state.client;
            } catch (Unusable e) {
                Duration next = state.backoff.isZero() ? config.reconnectMin() : state.backoff.multipliedBy(2);
                state.backoff = next.compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : next;
                state.retryAtNanos = System.nanoTime() + state.backoff.toNanos();
                state.lastFailure = e.getMessage();
                state.lastOutcome = e.outcome();
                throw e;
            }
        }
    }

    /** Forgets a connection that failed mid-use, so the next sweep opens a fresh one. */
    public void dropped(HostTarget target) {
        Held state = held.get(target.hostId());
        if (state != null) {
            synchronized (state) {
                close(state);
            }
        }
    }

    /** Closes connections to hosts no longer swept. */
    public void retain(List<UUID> hostIds) {
        held.keySet().removeIf(id -> {
            if (hostIds.contains(id)) {
                return false;
            }
            Held state = held.get(id);
            synchronized (state) {
                close(state);
            }
            return true;
        });
    }

    public int open() {
        return (int) held.values().stream().filter(h -> h.client != null && h.client.isConnected()).count();
    }

    private SSHClient open(HostTarget target) throws Unusable {
        AtomicReference<String> presented = new AtomicReference<>();
        SSHClient ssh = new SSHClient(sshConfig);
        ssh.setConnectTimeout((int) config.connectTimeout().toMillis());
        ssh.setTimeout((int) config.requestTimeout().toMillis());
        ssh.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                String fingerprint = fingerprint(key);
                presented.set(fingerprint);
                return target.pinnedFingerprint().equals(fingerprint);
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }
        });
        try {
            ssh.connect(target.address(), target.port());
            ssh.getConnection().getKeepAlive().setKeepAliveInterval(30);
            ssh.authPublickey(target.user(), key());
            return ssh;
        } catch (TransportException e) {
            closeQuietly(ssh);
            if (presented.get() != null && !target.pinnedFingerprint().equals(presented.get())) {
                LOG.errorf("host %s presented host key %s, pinned %s: refused", target, presented.get(),
                        target.pinnedFingerprint());
                throw new Unusable(ProbeOutcome.HOST_KEY_CHANGED, "host key " + presented.get()
                        + " differs from the pinned " + target.pinnedFingerprint());
            }
            throw new Unusable(ProbeOutcome.HOST_UNREACHABLE, "SSH to " + target + " failed: " + e.getMessage());
        } catch (UserAuthException e) {
            closeQuietly(ssh);
            throw new Unusable(ProbeOutcome.HOST_UNREACHABLE, "host " + target + " refused monitoring's key: "
                    + e.getMessage());
        } catch (IOException e) {
            closeQuietly(ssh);
            throw new Unusable(ProbeOutcome.HOST_UNREACHABLE, "cannot reach " + target + ": " + e.getMessage());
        }
    }

    private KeyProvider key() throws Unusable {
        KeyProvider current = key;
        if (current == null) {
            String file = config.privateKeyFile().orElseThrow(() -> new Unusable(ProbeOutcome.HOST_UNREACHABLE,
                    "lobsterops.monitoring.probes.private-key-file is not set: monitoring has no SSH identity"));
            try {
                current = new SSHClient(sshConfig).loadKeys(Files.readString(Path.of(file)), null, null);
            } catch (IOException e) {
                throw new Unusable(ProbeOutcome.HOST_UNREACHABLE, "cannot read monitoring's key " + file + ": "
                        + e.getMessage());
            }
            key = current;
        }
        return current;
    }

    /** OpenSSH's {@code SHA256:<base64, unpadded>} fingerprint, as ssh-keygen -l prints it. */
    public static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(Held state) {
        if (state.client != null) {
            closeQuietly(state.client);
            state.client = null;
        }
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a connection that failed or dropped
        }
    }

    @PreDestroy
    void closeAll() {
        held.values().forEach(state -> {
            synchronized (state) {
                close(state);
            }
        });
        held.clear();
    }
}
