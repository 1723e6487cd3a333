package io.lobsterops.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This test run's SSH test host, which {@code dev/testhost.sh} runs (ADRs 0022, 0051, 0071): an OpenSSH sshd on a
 * loopback port with a user standing for the client's VPS and the git server's user (login shell git-shell). The script
 * names the instance, and this class asks it ({@code dev/testhost.sh names}): under dev/test the run's own
 * ({@code LOBSTEROPS_RUN_ID}), provisioning's and agent-config's, or monitoring's where its build sets
 * {@code LOBSTEROPS_TESTHOST_ROLE=mon}; in a plain Maven run the shared instances. Tests start it (idempotent),
 * authorize keys, read its host key fingerprint and reset what provisioning installed for the user.
 */
public final class TestHost {

    public static final String ADDRESS = "127.0.0.1";

    private static final Map<String, String> NAMES = names();

    /** The sshd's port on {@link #ADDRESS}. */
    public static final int PORT = Integer.parseInt(NAMES.get("port"));
    /** The client host's login user. */
    public static final String USER = NAMES.get("user");
    /** The user's home directory, as useradd -m creates it. */
    public static final String HOME = "/home/" + USER;
    /** The git server's user (agent-config's remote), whose home holds the bare repositories. */
    public static final String GIT_USER = NAMES.get("git-user");
    public static final String GIT_HOME = "/home/" + GIT_USER;

    private TestHost() {
    }

    public static void start() {
        script("start");
    }

    public static void authorize(String publicKeyLine) {
        script("authorize", publicKeyLine);
    }

    public static String fingerprint() {
        return script("fingerprint").strip();
    }

    /** Removes what provisioning installed for the user (keeps the npm cache). */
    public static void reset() {
        script("reset");
    }

    /** The host's process list with full command lines, as any user of the host sees it in {@code ps}. */
    public static String processList() {
        return Processes.run(List.of("ps", "-eo", "user,pid,args", "--no-headers"));
    }

    /** {@code dev/testhost.sh args…} on this run's instance; answers its stdout. */
    public static String script(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Processes.repositoryRoot().resolve("dev/testhost.sh").toString());
        command.addAll(List.of(args));
        return Processes.run(command);
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (String line : script("names").strip().split("\n")) {
            int equals = line.indexOf('=');
            names.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return names;
    }
}
