package io.lobsterops.agentconfig.git;

/** A release: the default branch's commit holding it and the annotated tag naming it. */
public record Release(String commit, String tag) {
}
