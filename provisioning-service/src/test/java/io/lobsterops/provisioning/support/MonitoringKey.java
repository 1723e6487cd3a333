package io.lobsterops.provisioning.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lobsterops.testkit.Processes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** monitoring-service's key pair as dev/up makes it: provisioning is configured with the public half. */
public class MonitoringKey implements QuarkusTestResourceLifecycleManager {

    private static Path dir;

    public static Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lobsterops-monitoring-key");
            Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lobsterops-monitoring",
                    "-f", privateKey().toString()));
            return Map.of("lobsterops.provisioning.monitoring.public-key",
                    Files.readString(dir.resolve("id_ed25519.pub")).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(dir.resolve("id_ed25519"));
            Files.deleteIfExists(dir.resolve("id_ed25519.pub"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
