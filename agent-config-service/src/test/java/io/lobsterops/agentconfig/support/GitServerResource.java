package io.lobsterops.agentconfig.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.TestHost;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service at the local git server over SSH: a fresh Ed25519 identity authorized for its git user, a
 * relay port in front of the sshd (so a test can take the server down), and the known host key — the server's real
 * one, or with {@code hostKey=wrong} another key, which the service must refuse. {@code inline=true} hands the
 * private key and known hosts over as values instead of files.
 */
public class GitServerResource implements QuarkusTestResourceLifecycleManager {

    private boolean wrongHostKey;
    private boolean inline;
    private TcpForwarder relay;

    @Override
    public void init(Map<String, String> initArgs) {
        wrongHostKey = "wrong".equals(initArgs.get("hostKey"));
        inline = Boolean.parseBoolean(initArgs.get("inline"));
    }

    @Override
    public Map<String, String> start() {
        TestHost.script("git-user");
        Path dir = Path.of("target", "test-ssh", UUID.randomUUID().toString()).toAbsolutePath();
        String publicKey = GitServer.keyPair(dir, "id_ed25519");
        TestHost.script("git-authorize", publicKey);
        relay = new TcpForwarder(GitServer.SSHD_PORT);
        String knownHost = wrongHostKey
                ? "[127.0.0.1]:" + relay.port() + " " + GitServer.keyPair(dir, "not_the_host_key")
                        .replace(" agent-config-test", "")
                : TestHost.script("known-host", String.valueOf(relay.port())).strip();
        try {
            Files.writeString(dir.resolve("known_hosts"), knownHost + "\n");
            String url = "ssh://" + GitServer.USER + "@127.0.0.1:" + relay.port() + GitServer.HOME + "/{client}.git";
            if (inline) {
                return Map.of("lobsterops.git.remote.url", url,
                        "lobsterops.git.remote.timeout", "10s",
                        "lobsterops.git.remote.ssh.private-key", Files.readString(dir.resolve("id_ed25519")),
                        "lobsterops.git.remote.ssh.known-hosts", knownHost);
            }
            return Map.of("lobsterops.git.remote.url", url,
                    "lobsterops.git.remote.timeout", "10s",
                    "lobsterops.git.remote.ssh.private-key-file", dir.resolve("id_ed25519").toString(),
                    "lobsterops.git.remote.ssh.known-hosts-file", dir.resolve("known_hosts").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(relay, new TestInjector.MatchesType(TcpForwarder.class));
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
    }
}
