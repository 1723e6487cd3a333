package io.lobsterops.monitoring.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Asks the host's forced probe one of its verbs on the kept connection ({@code status PROFILE}, {@code usage …}):
 * whatever is sent reaches the probe as {@code SSH_ORIGINAL_COMMAND}, nothing else can run. Blocking.
 */
@ApplicationScoped
public class ProbeCommand {

    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final HostConnections connections;

    public ProbeCommand(HostConnections connections) {
        this.connections = connections;
    }

    /** The probe's answer (its stdout) to {@code verb} on {@code host}, within {@code timeout}. */
    public String ask(HostTarget host, String verb, Duration timeout) throws HostConnections.Unusable, IOException {
        SSHClient ssh = connections.connection(host);
        try (Session session = ssh.startSession(); Session.Command command = session.exec(verb)) {
            byte[] out = command.getInputStream().readNBytes(MAX_ANSWER);
            command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (!ssh.isConnected()) {
                connections.dropped(host);
            }
            throw e;
        }
    }
}
