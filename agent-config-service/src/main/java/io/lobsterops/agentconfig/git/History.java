package io.lobsterops.agentconfig.git;

import java.util.List;

/** A branch of a client repository: its head (null while the branch has no commit) and commits, newest first. */
public record History(String location, String branch, String head, List<CommitInfo> commits) {
}
