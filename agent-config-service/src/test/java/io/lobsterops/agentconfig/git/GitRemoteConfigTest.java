package io.lobsterops.agentconfig.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.config.GitConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** What the service refuses to start with, and how it shows a remote: no accept-any host key, no secret in sight. */
class GitRemoteConfigTest {

    static final String KNOWN_HOST = "[127.0.0.1]:2222 ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAINMmUdZLKpFAatw/95c5PQyj4VwVMTD5+KSfd43CaJKw";

    static GitRemote remote(Map<String, String> properties) {
        GitConfig config = new SmallRyeConfigBuilder().withMapping(GitConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500)).build()
                .getConfigMapping(GitConfig.class);
        return new GitRemote(config);
    }

    @Test
    void anSshRemoteWithoutAPinnedHostKeyDoesNotStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> remote(Map.of(
                "lobsterops.git.remote.url", "ssh://git@127.0.0.1:2222/srv/{client}.git",
                "lobsterops.git.remote.ssh.private-key", "irrelevant")));
        assertTrue(refused.getMessage().contains("pinned host key"), refused.getMessage());
    }

    @Test
    void aKnownHostsLineThatIsNotAHostKeyDoesNotStartAndNamesItsLine() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> remote(Map.of(
                "lobsterops.git.remote.url", "git@127.0.0.1:srv/{client}.git",
                "lobsterops.git.remote.ssh.known-hosts", "# pinned\n127.0.0.1 not-a-key")));
        assertTrue(refused.getMessage().startsWith("known hosts line 2"), refused.getMessage());
    }

    @Test
    void anSshRemoteWithoutAKeyDoesNotStartAndAnUnreadableKeyIsNeverQuoted() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> remote(Map.of(
                "lobsterops.git.remote.url", "ssh://git@127.0.0.1:2222/srv/{client}.git",
                "lobsterops.git.remote.ssh.known-hosts", KNOWN_HOST)));
        assertTrue(missing.getMessage().contains("private key"), missing.getMessage());
        String secret = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==\n"
                + "-----END OPENSSH PRIVATE KEY-----\n";
        IllegalStateException unreadable = assertThrows(IllegalStateException.class, () -> remote(Map.of(
                "lobsterops.git.remote.url", "ssh://git@127.0.0.1:2222/srv/{client}.git",
                "lobsterops.git.remote.ssh.known-hosts", KNOWN_HOST,
                "lobsterops.git.remote.ssh.private-key", secret)));
        assertFalse(unreadable.getMessage().contains("c2VjcmV0"), unreadable.getMessage());
        assertTrue(unreadable.getMessage().contains("not a readable"), unreadable.getMessage());
    }

    @Test
    void anHttpsRemoteIsShownWithoutItsPasswordAndNoRemoteIsNoPush() {
        GitRemote https = remote(Map.of("lobsterops.git.remote.url", "https://bot:s3cr3t-t0ken@git.example/{client}.git",
                "lobsterops.git.remote.https.username", "bot", "lobsterops.git.remote.https.token", "t0ken"));
        assertEquals("https://bot:***@git.example/acme.git", https.displayUrl("acme").orElseThrow());
        GitRemote none = remote(Map.of());
        assertFalse(none.configured());
        assertTrue(none.displayUrl("acme").isEmpty());
    }

    @Test
    void schemesAreReadFromTheUrl() {
        assertEquals("ssh", GitRemote.scheme("git@github.com:acme/config.git"));
        assertEquals("ssh", GitRemote.scheme("ssh://git@host:22/x.git"));
        assertEquals("https", GitRemote.scheme("HTTPS://host/x.git"));
        assertEquals("file", GitRemote.scheme("target/test-remote/x.git"));
        assertEquals("file", GitRemote.scheme("file:///srv/git/x.git"));
    }
}
