package io.lobsterops.kit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a verified bearer token is taken again without verifying it anew (ADR 0067). */
@ConfigMapping(prefix = "lobsterops.security.token-cache")
public interface TokenCacheConfig {

    /** Off: every request verifies its token's signature and claims again. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a verified token is kept, even when it expires later; a token is never kept past its own
     * {@code exp}.
     */
    @WithDefault("PT5M")
    Duration maxAge();

    /** Bound on the tokens kept; beyond it expired ones are dropped, then all. */
    @WithDefault("10000")
    int maxEntries();
}
