package io.lobsterops.agentconfig.git;

/** A proposal branch: the default branch's head it started from (null for an empty repository) and its commit. */
public record Proposed(String base, String commit) {
}
