package io.lobsterops.monitoring.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lobsterops.testkit.Processes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * monitoring's own SSH identity for the tests, as dev/up makes one for the local platform: an ed25519 key pair
 * written by ssh-keygen; the service reads the private key from the file its configuration names.
 */
public class MonitoringIdentity implements QuarkusTestResourceLifecycleManager {

    private static Path dir;

    public static Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    public static String publicKey() {
        try {
            return Files.readString(dir.resolve("id_ed25519.pub")).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lobsterops-monitoring-key");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lobsterops-monitoring-test",
                "-f", privateKey().toString()));
        return Map.of("lobsterops.monitoring.probes.private-key-file", privateKey().toString());
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(dir.resolve("id_ed25519"));
            Files.deleteIfExists(dir.resolve("id_ed25519.pub"));
            Files.deleteIfExists(dir);
        } catch (java.io.IOException ignored) {
            // a temporary directory
        }
    }
}
