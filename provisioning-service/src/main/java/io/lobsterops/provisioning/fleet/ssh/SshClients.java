package io.lobsterops.provisioning.fleet.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.config.ProvisioningConfig;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Opens authenticated SSH connections to hosts with sshj: key authentication with the host's own key pair, the host
 * key checked against the pinned fingerprint (or reported for trust on first use), connect timeout and keep-alive.
 * Blocking: call from a worker or virtual thread, never the event loop.
 */
@ApplicationScoped
public class SshClients {

    private final ProvisioningConfig config;
    private final DefaultConfig sshConfig = new DefaultConfig();

    public SshClients(ProvisioningConfig config) {
        this.config = config;
    }

    /**
     * Connects and authenticates, or throws {@link HostUnreachableException}, {@link HostKeyMismatchException}, or
     * {@link SshException} when the host refuses the key. A refusal is believed only when a second, fresh connection
     * meets it too: a connection cut while authenticating can look like a refusal before sshj notices the cut, and a
     * run must then wait for the host, not fail.
     */
    public SshConnection open(SshTarget target) {
        try {
            return open(target, false);
        } catch (KeyRefused first) {
            return open(target, true);
        }
    }

    private SshConnection open(SshTarget target, boolean lastAttempt) {
        AtomicReference<String> presented = new AtomicReference<>();
        SSHClient ssh = new SSHClient(sshConfig);
        ssh.setConnectTimeout((int) config.ssh().connectTimeout().toMillis());
        ssh.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                String fingerprint = SshKeys.fingerprint(key);
                presented.set(fingerprint);
                return target.pinnedFingerprint() == null || target.pinnedFingerprint().equals(fingerprint);
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }
        });
        try {
            ssh.connect(target.address(), target.port());
            ssh.getConnection().getKeepAlive().setKeepAliveInterval((int) config.ssh().keepAlive().toSeconds());
            KeyProvider key = ssh.loadKeys(target.privateKey(), target.publicKeyLine(), null);
            ssh.authPublickey(target.user(), key);
            return new SshConnection(ssh, target, presented.get(), config.ssh().commandTimeout());
        } catch (TransportException e) {
            close(ssh);
            if (target.pinnedFingerprint() != null && presented.get() != null
                    && !target.pinnedFingerprint().equals(presented.get())) {
                throw new HostKeyMismatchException(target.toString(), target.pinnedFingerprint(), presented.get());
            }
            throw new HostUnreachableException("SSH to " + target + " failed: " + e.getMessage(), e);
        } catch (UserAuthException e) {
            boolean dropped = !ssh.isConnected() || e.getCause() instanceof TransportException
                    || e.getCause() instanceof net.schmizz.sshj.connection.ConnectionException
                    || Arrays.stream(e.getSuppressed()).anyMatch(TransportException.class::isInstance);
            close(ssh);
            if (dropped) {
                throw new HostUnreachableException("connection to " + target + " dropped during authentication: "
                        + e.getMessage(), e);
            }
            if (!lastAttempt) {
                throw new KeyRefused(e);
            }
            throw new SshException("host " + target + " refused the host's key for user " + target.user()
                    + ": is the public key in ~/.ssh/authorized_keys?", e);
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException | UnknownHostException e) {
            close(ssh);
            throw new HostUnreachableException("cannot reach " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close(ssh);
            throw new HostUnreachableException("SSH to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** A first refusal of the key, tried once more on a fresh connection before it is believed. */
    private static final class KeyRefused extends RuntimeException {

        KeyRefused(UserAuthException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static void close(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a connection that never opened
        }
    }
}
