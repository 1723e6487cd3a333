package io.lobsterops.agentconfig.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lobsterops.testkit.TestHost;

/**
 * The local git server: the test run's SSH test host ({@link TestHost}, dev/testhost.sh) and its git user (login shell
 * git-shell) holding bare repositories in its home. Tests drive it through the script and read the repositories with
 * the git command line, as the server's operator would.
 */
public final class GitServer {

    public static final int SSHD_PORT = TestHost.PORT;
    public static final String USER = TestHost.GIT_USER;
    public static final String HOME = TestHost.GIT_HOME;

    private GitServer() {
    }

    /** The client's repository path on the server (created empty, branch main, unless it exists). */
    public static String initRepository(String clientId) {
        return TestHost.script("git-init-repo", clientId).strip();
    }

    /** {@code git --git-dir <client's repository on the server> args…}, answering stdout. */
    public static String git(String clientId, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir", HOME + "/" + clientId + ".git"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Generates an Ed25519 key pair {@code dir/name} and {@code dir/name.pub}; answers the public key line. */
    public static String keyPair(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(name));
            Files.deleteIfExists(dir.resolve(name + ".pub"));
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "agent-config-test", "-f",
                    dir.resolve(name).toString()));
            return Files.readString(dir.resolve(name + ".pub")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(List<String> command) {
        return io.lobsterops.testkit.Processes.run(command);
    }
}
