package io.lobsterops.agentconfig.service;

import java.util.List;

import io.lobsterops.agentconfig.api.AgentConfigProblems;
import io.lobsterops.agentconfig.lint.Finding;
import io.lobsterops.kit.api.Problem;
import io.lobsterops.kit.api.ProblemException;

/**
 * The leak lint found something: nothing is committed or approved; the caller gets a 409 with each finding as a
 * violation ("file:line", "rule: excerpt").
 */
public class LintBlockedException extends ProblemException {

    public LintBlockedException(String message, List<Finding> findings) {
        super(AgentConfigProblems.LINT_FINDINGS, message, findings.stream()
                .map(f -> new Problem.Violation(f.file() + ":" + f.line(), f.rule() + ": " + f.excerpt()))
                .toList());
    }
}
