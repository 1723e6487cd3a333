package io.lobsterops.agentconfig.service;

import java.util.List;

import io.lobsterops.agentconfig.lint.Finding;

/** The leak lint found something: nothing is committed or approved; the findings go back to the caller. */
public class LintBlockedException extends RuntimeException {

    private final List<Finding> findings;

    public LintBlockedException(String message, List<Finding> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
