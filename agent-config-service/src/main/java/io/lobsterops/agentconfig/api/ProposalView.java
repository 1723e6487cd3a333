package io.lobsterops.agentconfig.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.agentconfig.domain.Proposal;
import io.lobsterops.agentconfig.service.ProposalService.CheckItem;
import io.lobsterops.agentconfig.service.ProposalService.Reviewed;

/** A proposal: its branch and commit, who proposed and decided, the release it became, and its checklist. */
public record ProposalView(UUID id, UUID engagementId, int number, String branch, String baseCommit, String commit,
        int agentRevision, Proposal.Status status, String proposedBy, Instant proposedAt, String decidedBy,
        Instant decidedAt, String comments, String releaseTag, String releaseCommit, List<CheckItem> checklist) {

    public static ProposalView from(Reviewed reviewed) {
        return from(reviewed.proposal(), reviewed.checklist());
    }

    public static ProposalView from(Proposal p, List<CheckItem> checklist) {
        return new ProposalView(p.id, p.engagementId, p.number, p.branch, p.baseCommit, p.commitId, p.agentRevision,
                p.status, p.proposedBy, p.proposedAt, p.decidedBy, p.decidedAt, p.comments, p.releaseTag,
                p.releaseCommit, checklist);
    }
}
