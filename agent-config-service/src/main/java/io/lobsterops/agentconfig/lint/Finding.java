package io.lobsterops.agentconfig.lint;

/** One leak found in a rendered file: where, which rule, and the line with any credential on it redacted. */
public record Finding(String file, int line, String rule, String excerpt) {
}
