package io.lobsterops.testkit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's packaged jar started as a process of its own, for the crash tests that kill it (SIGKILL) and start it
 * again: on a free loopback port, on this run's database ({@link TestRun#DB_SUFFIX}), its output in a log file;
 * answered once {@code /q/health/live} does. The test adds what the service needs (its topic, group, loopback servers).
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * Starts {@code java [jvmArguments] -Dquarkus.http.port=port -Dlobsterops.db.suffix=<run's> -jar jar} and waits
     * up to {@code patience} until it is live; fails with its log when it exits before.
     */
    public static Process start(Path jar, int port, Path log, Duration patience, List<String> jvmArguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dlobsterops.db.suffix=" + TestRun.DB_SUFFIX);
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("service exited: " + Files.readString(log));
                }
                try {
                    return given().port(port).get("/q/health/live").statusCode() == 200;
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (RuntimeException | Error notLive) {
            process.destroyForcibly();
            throw notLive;
        }
        return process;
    }
}
