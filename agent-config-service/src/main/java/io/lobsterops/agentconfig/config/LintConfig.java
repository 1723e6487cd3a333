package io.lobsterops.agentconfig.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The leak lint's configurable part: the defaults of the terms a supervisor manages at {@code /lint/terms}. */
@ConfigMapping(prefix = "lobsterops.lint")
public interface LintConfig {

    /** The agency's own terms (internal project names, costs, workspace and tools): never in a client's files. */
    @WithDefault("lobsterops-internal")
    List<String> supplierTerms();

    /** The agency's suppliers, until a supervisor sets them at run time ({@code PUT /lint/terms}, ADR 0045). */
    java.util.Optional<List<String>> suppliers();
}
