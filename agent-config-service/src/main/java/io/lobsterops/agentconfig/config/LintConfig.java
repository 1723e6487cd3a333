package io.lobsterops.agentconfig.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The leak lint's configurable part. */
@ConfigMapping(prefix = "lobsterops.lint")
public interface LintConfig {

    /** The agency's own terms (internal project names, costs, workspace and tools): never in a client's files. */
    @WithDefault("lobsterops-internal")
    List<String> supplierTerms();
}
