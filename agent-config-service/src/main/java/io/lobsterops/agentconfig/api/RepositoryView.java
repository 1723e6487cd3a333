package io.lobsterops.agentconfig.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.agentconfig.git.CommitInfo;
import io.lobsterops.agentconfig.git.RemoteState;
import io.lobsterops.agentconfig.service.RepositoryService.EngagementRepositoryState;

/** An engagement's git repository: where it is, its default branch's head and history (newest first). */
public record RepositoryView(UUID engagementId, String clientId, String clientName, String location,
        String defaultBranch, String headCommit, List<CommitView> commits, RemoteState remote) {

    public static RepositoryView from(EngagementRepositoryState state) {
        return new RepositoryView(state.engagement().engagementId, state.client().clientId,
                state.client().clientName, state.history().location(), state.history().branch(),
                state.history().head(), state.history().commits().stream().map(CommitView::from).toList(),
                state.remote());
    }

    public record CommitView(String id, String message, String authorName, String authorEmail, Instant time) {

        public static CommitView from(CommitInfo commit) {
            return new CommitView(commit.id(), commit.message(), commit.authorName(), commit.authorEmail(),
                    commit.authoredAt());
        }
    }
}
