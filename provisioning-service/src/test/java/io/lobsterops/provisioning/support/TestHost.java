package io.lobsterops.provisioning.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local client host that {@code dev/testhost.sh} runs: OpenSSH's sshd on 127.0.0.1:2222 and the user
 * {@code lobster-host}. Tests start it (idempotent), authorize hosts' public keys and read its host key fingerprint.
 */
public final class TestHost {

    public static final String ADDRESS = "127.0.0.1";
    public static final int PORT = 2222;
    public static final String USER = "lobster-host";

    private TestHost() {
    }

    public static Path root() {
        return io.lobsterops.testkit.Processes.repositoryRoot();
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
        return run(List.of("ps", "-eo", "user,pid,args", "--no-headers"));
    }

    /** Runs the installed openclaw as the host user, as an operator on the host would; answers stdout. */
    public static String openclaw(String installDir, String... args) {
        String home = "/home/" + USER;
        List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "-i",
                "HOME=" + home, "NO_COLOR=1", "PATH=" + home + "/" + installDir + "/node/node_modules/.bin:" + home + "/"
                        + installDir + "/openclaw/2026.9.6/bin:/usr/bin:/bin", "openclaw"));
        command.addAll(List.of(args));
        return run(command);
    }

    public static String script(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(root().resolve("dev/testhost.sh").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    static String run(List<String> command) {
        return io.lobsterops.testkit.Processes.run(command);
    }
}
