package io.lobsterops.provisioning.fleet.termination;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where termination archives go and how long they are kept (ADR 0040). */
@ConfigMapping(prefix = "lobsterops.termination")
public interface TerminationConfig {

    /**
     * The archive store: a directory (one sub-directory per termination, its files and {@code MANIFEST.sha256}).
     * Mounted storage in Kubernetes; an S3-compatible store is future work (ADR 0040).
     */
    @WithDefault("${user.home}/.lobsterops/archives")
    String archiveDir();

    /** How long an archive is kept after the termination; the retention job deletes it then. */
    @WithDefault("P90D")
    Duration retention();

    /** How long cloning the client's config repository for its bundle may take. */
    @WithDefault("60s")
    Duration bundleTimeout();
}
