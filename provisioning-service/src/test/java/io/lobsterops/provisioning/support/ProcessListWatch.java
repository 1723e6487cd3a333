package io.lobsterops.provisioning.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lobsterops.testkit.TestHost;

/**
 * Samples the test host's process list, over and over, while a run goes on, and keeps every line showing one of the
 * watched secrets: a secret passed in argv would be caught here, as {@code ps} on a real host would show it.
 */
public final class ProcessListWatch implements AutoCloseable {

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Set<String> leaks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread sampler;

    private ProcessListWatch(Set<String> watched) {
        secrets.addAll(watched);
        sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                for (String line : TestHost.processList().split("\n")) {
                    for (String secret : secrets) {
                        if (line.contains(secret)) {
                            leaks.add(line);
                        }
                    }
                }
            }
        });
    }

    public static ProcessListWatch of(String... secrets) {
        return new ProcessListWatch(Set.of(secrets));
    }

    public void watch(String secret) {
        secrets.add(secret);
    }

    /** Stops sampling; answers the process lines that showed a secret. */
    public Set<String> leaks() {
        close();
        return Set.copyOf(leaks);
    }

    @Override
    public void close() {
        sampling.set(false);
        try {
            sampler.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
