package io.lobsterops.kit.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How monitoring-service may reach a host, agreed between the service that grants it (provisioning, which installs
 * monitoring's public key and the probe) and the one that uses it (monitoring). monitoring's key gets one line in
 * the host user's {@code authorized_keys}: {@code restrict} (no shell, no pty, no agent or X11 forwarding), port
 * forwarding only to the host's gateway ports on its loopback, and one forced, read-only command, the probe script.
 */
public final class MonitoringAccess {

    /** The comment that marks monitoring's line, so that provisioning replaces it instead of adding another. */
    public static final String KEY_COMMENT = "lobsterops-monitoring";
    /** The probe's file name, in provisioning's install directory on the host. */
    public static final String PROBE_NAME = "monitoring-probe";
    /** The address a gateway listens on and the only one monitoring may forward to. */
    public static final String GATEWAY_ADDRESS = "127.0.0.1";
    private static final Pattern PUBLIC_KEY = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) [A-Za-z0-9+/=]+");
    private static final Pattern INSTALL_DIR = Pattern.compile("[A-Za-z0-9._/-]+");

    private MonitoringAccess() {
    }

    /**
     * The {@code authorized_keys} line for monitoring's {@code publicKey} (type and base64, any comment dropped),
     * forwarding allowed to {@code ports} only and the probe in {@code installDir} (relative to the user's home, or
     * absolute) forced. Without ports, no forwarding at all.
     */
    public static String authorizedKeysLine(String publicKey, String installDir, Collection<Integer> ports) {
        String key = keyOf(publicKey);
        if (!INSTALL_DIR.matcher(installDir).matches() || installDir.contains("..")) {
            throw new IllegalArgumentException("install directory " + installDir + " is not a plain path");
        }
        StringBuilder options = new StringBuilder("restrict");
        TreeSet<Integer> sorted = new TreeSet<>(ports);
        if (!sorted.isEmpty()) {
            options.append(",port-forwarding");
        }
        for (int port : sorted) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range");
            }
            options.append(",permitopen=\"").append(GATEWAY_ADDRESS).append(':').append(port).append('"');
        }
        options.append(",command=\"").append(probePath(installDir)).append('"');
        return options + " " + key + " " + KEY_COMMENT;
    }

    /** The probe's path as the forced command runs it: relative paths are relative to the user's home. */
    public static String probePath(String installDir) {
        return (installDir.endsWith("/") ? installDir : installDir + "/") + PROBE_NAME;
    }

    /** Whether {@code line} of an {@code authorized_keys} file is monitoring's. */
    public static boolean isMonitoringLine(String line) {
        return line.strip().endsWith(" " + KEY_COMMENT);
    }

    /** The key type and base64 of an OpenSSH public key line, refusing anything else. */
    public static String keyOf(String publicKey) {
        String[] parts = publicKey == null ? new String[0] : publicKey.strip().split("\\s+");
        if (parts.length < 2 || !PUBLIC_KEY.matcher(parts[0] + " " + parts[1]).matches()) {
            throw new IllegalArgumentException("not an OpenSSH public key (ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa)");
        }
        return parts[0] + " " + parts[1];
    }

    /** The probe script provisioning installs (mode 755) as {@link #probePath}. */
    public static String probeScript() {
        try (InputStream in = MonitoringAccess.class.getResourceAsStream("/probe/monitoring-probe.sh")) {
            if (in == null) {
                throw new IllegalStateException("missing /probe/monitoring-probe.sh");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the probe script", e);
        }
    }
}
