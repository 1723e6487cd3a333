package io.lobsterops.provisioning.fleet.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;

/**
 * One authenticated connection. Every command has a timeout, an exit status and captured output; secrets go on the
 * command's stdin, never in its argument list (which every user of the host sees in {@code ps}).
 */
public class SshConnection implements AutoCloseable {

    /** Output kept per stream: the tail, enough for a step's log. */
    static final int MAX_CAPTURE = 64 * 1024;

    /** How much longer than the host-side limit the client waits before it cuts the channel. */
    static final Duration BACKSTOP = Duration.ofSeconds(15);

    private final SSHClient ssh;
    private final SshTarget target;
    private final String hostKeyFingerprint;
    private final Duration defaultTimeout;

    SshConnection(SSHClient ssh, SshTarget target, String hostKeyFingerprint, Duration defaultTimeout) {
        this.ssh = ssh;
        this.target = target;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.defaultTimeout = defaultTimeout;
    }

    /** The SHA256 fingerprint of the key the host presented on this connection. */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public SshTarget target() {
        return target;
    }

    public CommandResult exec(String command) {
        return exec(command, null, defaultTimeout);
    }

    public CommandResult exec(String command, Duration timeout) {
        return exec(command, null, timeout);
    }

    /**
     * Runs {@code command} with bash under {@code timeout(1)} on the host, writes {@code stdin} (may be null) to it
     * and closes it. A command still running after {@code timeout} is terminated there and the result says
     * {@code timedOut}; should the host not end it, the client cuts the channel shortly after. A broken connection
     * raises {@link HostUnreachableException}.
     */
    public CommandResult exec(String command, String stdin, Duration timeout) {
        long started = System.nanoTime();
        // the host enforces the limit itself (TERM, then KILL 5 s later), so nothing outlives its timeout there;
        // the client waits a little longer and then cuts the channel as a backstop
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String limited = "timeout -k 5 " + seconds + " bash -c " + Shell.quote(command);
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(limited);
            Capture out = Capture.start(cmd.getInputStream());
            Capture err = Capture.start(cmd.getErrorStream());
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
            boolean timedOut = false;
            try {
                cmd.join(timeout.toMillis() + BACKSTOP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (!ssh.isConnected()) {
                    throw e;
                }
                timedOut = cmd.isOpen();
                if (timedOut) {
                    try {
                        cmd.signal(net.schmizz.sshj.connection.channel.direct.Signal.KILL);
                    } catch (IOException ignored) {
                        // the channel is closed below anyway
                    }
                    cmd.close();
                }
            }
            out.await();
            err.await();
            Integer exit = timedOut ? null : cmd.getExitStatus();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (exit != null && (exit == 124 || exit == 137) && took.compareTo(timeout) >= 0) {
                timedOut = true; // timeout(1) ended it
            }
            return new CommandResult(exit, out.text(), err.text(), took, timedOut);
        } catch (TransportException | ConnectionException e) {
            throw new HostUnreachableException("connection to " + target + " broke: " + e.getMessage(), e);
        } catch (IOException e) {
            if (!ssh.isConnected()) {
                throw new HostUnreachableException("connection to " + target + " broke: " + e.getMessage(), e);
            }
            throw new SshException("command on " + target + " failed: " + e.getMessage(), e);
        }
    }

    public boolean isConnected() {
        return ssh.isConnected() && ssh.isAuthenticated();
    }

    @Override
    public void close() {
        try {
            ssh.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Reads one stream to its end on a virtual thread, keeping its last {@link #MAX_CAPTURE} bytes. */
    private static final class Capture {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean truncated;

        private Capture(InputStream stream) {
            this.thread = Thread.ofVirtual().name("ssh-capture").start(() -> read(stream));
        }

        static Capture start(InputStream stream) {
            return new Capture(stream);
        }

        private void read(InputStream stream) {
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = stream.read(chunk)) >= 0;) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                        if (buffer.size() > 2 * MAX_CAPTURE) {
                            byte[] all = buffer.toByteArray();
                            buffer.reset();
                            buffer.write(all, all.length - MAX_CAPTURE, MAX_CAPTURE);
                            truncated = true;
                        }
                    }
                }
            } catch (IOException ignored) {
                // the channel closed: keep what was read
            }
        }

        void await() {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            byte[] all;
            synchronized (buffer) {
                all = buffer.toByteArray();
            }
            int from = Math.max(0, all.length - MAX_CAPTURE);
            String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            return truncated || from > 0 ? "[… earlier output cut …]\n" + text : text;
        }
    }
}
