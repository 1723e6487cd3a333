package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.api.AgentConfigProblems;
import io.lobsterops.agentconfig.domain.Engagement;
import io.lobsterops.agentconfig.domain.Proposal;
import io.lobsterops.agentconfig.git.Author;
import io.lobsterops.agentconfig.git.GitCommits;
import io.lobsterops.agentconfig.git.GitHistory;
import io.lobsterops.agentconfig.git.GitProposals;
import io.lobsterops.agentconfig.git.GitStore;
import io.lobsterops.agentconfig.git.History;
import io.lobsterops.agentconfig.git.UnknownCommitException;
import io.lobsterops.agentconfig.lint.Finding;
import io.lobsterops.agentconfig.lint.LeakLint;
import io.lobsterops.agentconfig.persistence.ProposalRepository;
import io.lobsterops.agentconfig.persistence.RepositoryLock;
import io.lobsterops.events.AgentFile;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The L2 review: a clean rendering becomes a proposal (a commit on {@code proposals/N}, {@code config.proposed});
 * a supervisor other than its author approves it after the lint ran again on the proposed files, which merges it
 * into the default branch, tags {@code release-N} and publishes {@code config.approved} — both events through the
 * outbox, in the transaction that records the proposal. Also the versions of the default branch, their diffs and
 * rollbacks.
 */
@ApplicationScoped
public class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);

    private final AgentService agents;
    private final ProposalRepository proposals;
    private final GitStore git;
    private final GitProposals branches;
    private final GitHistory history;
    private final GitCommits commits;
    private final RepositoryLock lock;
    private final Outbox outbox;

    public ProposalService(AgentService agents, ProposalRepository proposals, GitStore git, GitProposals branches,
            GitHistory history, GitCommits commits, RepositoryLock lock, Outbox outbox) {
        this.agents = agents;
        this.proposals = proposals;
        this.git = git;
        this.branches = branches;
        this.history = history;
        this.commits = commits;
        this.lock = lock;
        this.outbox = outbox;
    }

    /**
     * Commits the rendering on a new proposal branch and records the proposal, under the client's repository lock.
     * The git write comes before the database commit: when the transaction then fails, the branch is discarded
     * (compensation); if the process dies before that, the next proposal of that number starts the orphan branch
     * again from main (see {@link GitProposals#propose}).
     */
    public Uni<Reviewed> propose(UUID engagementId, String by) {
        AtomicReference<Written> written = new AtomicReference<>();
        return Panache.withTransaction(() -> propose(engagementId, by, Author.user(by, now()), null, written))
                .onFailure().call(failure -> {
                    Written orphan = written.get();
                    if (orphan == null) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("proposal on %s of client %s did not commit (%s): discarding commit %s", orphan.branch(),
                            orphan.clientId(), failure.getMessage(), orphan.commit());
                    return branches.discardBranch(orphan.clientId(), orphan.branch(), orphan.commit())
                            .onFailure().invoke(e -> LOG.warnf("could not discard %s of client %s: %s",
                                    orphan.branch(), orphan.clientId(), e.getMessage()))
                            .onFailure().recoverWithNull().replaceWithVoid();
                });
    }

    /** A git write whose transaction has not committed yet. */
    private record Written(String clientId, String branch, String commit) {
    }

    /**
     * Proposes the current rendering within the caller's transaction (an event's): {@code reason} opens the commit
     * message. Should that transaction fail, nothing discards the branch here; the next proposal of that number
     * starts it again from main, as after a crash.
     */
    public Uni<Reviewed> proposeWithin(UUID engagementId, Author author, String reason) {
        return propose(engagementId, author.name(), author, reason, new AtomicReference<>());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Reviewed> propose(UUID engagementId, String by, Author author, String reason,
            AtomicReference<Written> written) {
        Instant now = author.at();
        return agents.engagement(engagementId, Optional.empty())
                .chain(engagement -> agents.renderAndLint(engagement).chain(preview -> {
                    if (!preview.findings().isEmpty()) {
                        throw new LintBlockedException("the leak lint found " + preview.findings().size()
                                + " problem(s) in the rendering: nothing was committed", preview.findings());
                    }
                    return lock.acquire(engagement.clientId).chain(() -> proposals.countOf(engagementId))
                            .chain(count -> {
                        int number = count.intValue() + 1;
                        String branch = "proposals/" + engagementId.toString().substring(0, 8) + "-" + number;
                        return branches.propose(engagement.clientId, branch, preview.rendering().contents(),
                                author, "Propose agent configuration #" + number + " (revision "
                                        + preview.revision() + ")\n\n" + (reason == null ? "" : reason + "\n\n")
                                        + "Engagement " + engagementId + ".")
                                .invoke(proposed -> written.set(new Written(engagement.clientId, branch,
                                        proposed.commit())))
                                .chain(proposed -> proposals.persist(Proposal.of(engagementId, number, branch,
                                        proposed.base(), proposed.commit(), preview.revision(), by, now)))
                                .call(proposal -> outbox.append(new ConfigProposed(engagementId, engagement.clientId,
                                        proposal.id, git.location(engagement.clientId), branch, proposal.commitId, by,
                                        now)))
                                .map(proposal -> new Reviewed(proposal, checklist(preview.findings(), true)));
                    });
                }));
    }

    @WithTransaction
    public Uni<Reviewed> approve(UUID engagementId, UUID proposalId, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return agents.engagement(engagementId, Optional.empty())
                .chain(engagement -> pending(engagementId, proposalId).chain(proposal -> {
                    if (proposal.proposedBy(by)) {
                        throw new ProblemException(AgentConfigProblems.FOUR_EYES, by + " proposed #" + proposal.number
                                + " and cannot approve it: another supervisor must review it");
                    }
                    return relint(engagement, proposal).chain(findings -> {
                        if (!findings.isEmpty()) {
                            throw new LintBlockedException("the leak lint finds " + findings.size()
                                    + " problem(s) in proposal #" + proposal.number + " now: it cannot be approved",
                                    findings);
                        }
                        return lock.acquire(engagement.clientId).chain(() -> branches.release(engagement.clientId,
                                proposal.commitId, Author.user(by, now),
                                "Release proposal #" + proposal.number + ", approved by " + by))
                                .invoke(release -> proposal.approved(by, now, release.tag(), release.commit()))
                                .call(release -> history.files(engagement.clientId, release.commit())
                                        .chain(files -> outbox.append(new ConfigApproved(engagementId,
                                                engagement.clientId, proposal.id, git.location(engagement.clientId),
                                                release.commit(), release.tag(), by, now, workspaceFiles(files)))))
                                .map(release -> new Reviewed(proposal, checklist(findings, true)));
                    });
                }));
    }

    @WithTransaction
    public Uni<Reviewed> requestChanges(UUID engagementId, UUID proposalId, String comments, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return agents.engagement(engagementId, Optional.empty())
                .chain(engagement -> pending(engagementId, proposalId))
                .invoke(proposal -> proposal.changesRequested(by, now, comments))
                .map(proposal -> new Reviewed(proposal, List.of()));
    }

    /** A proposal with its checklist, the lint run again on its files (a staff view). */
    @WithSession
    public Uni<Reviewed> proposal(UUID engagementId, UUID proposalId) {
        return agents.engagement(engagementId, Optional.empty())
                .chain(engagement -> found(engagementId, proposalId)
                        .chain(proposal -> relint(engagement, proposal)
                                .map(findings -> new Reviewed(proposal, checklist(findings, true)))));
    }

    @WithSession
    public Uni<List<Proposal>> proposals(UUID engagementId, Optional<String> clientScope) {
        return agents.engagement(engagementId, clientScope).chain(engagement -> proposals.ofEngagement(engagementId));
    }

    @WithSession
    public Uni<History> versions(UUID engagementId, Optional<String> clientScope, int limit) {
        return agents.engagement(engagementId, clientScope)
                .chain(engagement -> history.history(engagement.clientId, git.defaultBranch(), limit));
    }

    /**
     * The client's Agent Playbook as released: {@code PLAYBOOK.md} of the default branch's head (what was last
     * released or rolled back to). 404 before a release carries one.
     */
    @WithSession
    public Uni<String> playbook(UUID engagementId, Optional<String> clientScope) {
        return agents.engagement(engagementId, clientScope)
                .chain(engagement -> history.history(engagement.clientId, git.defaultBranch(), 1)
                        .chain(released -> released.head() == null ? Uni.createFrom().<String>nullItem()
                                : history.files(engagement.clientId, released.head())
                                        .map(files -> files.get(io.lobsterops.agentconfig.openclaw.WorkspaceRenderer
                                                .PLAYBOOK))))
                .onItem().ifNull().failWith(() -> new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND,
                        "no release of this agent carries its Agent Playbook yet: it comes with the next release"));
    }

    /** A unified diff between two versions; a client's leaves the gold set out (ADR 0037). */
    @WithSession
    public Uni<String> diff(UUID engagementId, Optional<String> clientScope, String from, String to) {
        return agents.engagement(engagementId, clientScope)
                .chain(engagement -> history.diff(engagement.clientId, from, to))
                .map(diff -> clientScope.isEmpty() ? diff : withoutFile(diff,
                        io.lobsterops.agentconfig.domain.GoldSet.PATH))
                .onFailure(UnknownCommitException.class)
                .transform(e -> new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND, e.getMessage()));
    }

    @WithTransaction
    public Uni<String> rollback(UUID engagementId, String target, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return agents.engagement(engagementId, Optional.empty())
                .call(engagement -> lock.acquire(engagement.clientId))
                .chain(engagement -> commits.rollback(engagement.clientId, target, Author.user(by, now),
                        "Roll back to " + target + "\n\nRequested by " + by + "."))
                .onFailure(UnknownCommitException.class)
                .transform(e -> new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND, e.getMessage()));
    }

    /** {@code diff} without the sections of the file at {@code path}. */
    static String withoutFile(String diff, String path) {
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : diff.split("(?<=\n)")) {
            if (line.startsWith("diff --git ")) {
                skipping = line.contains(" a/" + path) || line.contains(" b/" + path);
            }
            if (!skipping) {
                kept.append(line);
            }
        }
        return kept.toString();
    }

    /**
     * The released files as the contract carries them: each workspace file by its path inside the workspace, and the
     * daily cycle's schedule spec and the gold set by their own paths ({@code openclaw/…}: provisioning runs the gold
     * set and never writes it into the workspace, ADR 0037); SHA-256 and content with each.
     */
    static List<AgentFile> workspaceFiles(java.util.Map<String, String> files) {
        String prefix = io.lobsterops.agentconfig.openclaw.WorkspaceRenderer.WORKSPACE;
        List<AgentFile> released = new java.util.ArrayList<>(files.entrySet().stream()
                .filter(f -> f.getKey().startsWith(prefix))
                .map(f -> new AgentFile(f.getKey().substring(prefix.length()), sha256(f.getValue()), f.getValue()))
                .toList());
        String schedule = files.get(io.lobsterops.agentconfig.openclaw.WorkspaceRenderer.DAILY_CYCLE);
        if (schedule != null) {
            released.add(new AgentFile(io.lobsterops.agentconfig.openclaw.WorkspaceRenderer.DAILY_CYCLE, sha256(schedule), schedule));
        }
        String goldSet = files.get(io.lobsterops.agentconfig.domain.GoldSet.PATH);
        if (goldSet != null) {
            released.add(new AgentFile(io.lobsterops.agentconfig.domain.GoldSet.PATH, sha256(goldSet), goldSet));
        }
        return released;
    }

    private static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<List<Finding>> relint(Engagement engagement, Proposal proposal) {
        return agents.lintContext(engagement.clientId).chain(context -> history.files(engagement.clientId,
                proposal.commitId).map(files -> LeakLint.scan(files, context)));
    }

    private Uni<Proposal> found(UUID engagementId, UUID proposalId) {
        return proposals.findOf(engagementId, proposalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Proposal", proposalId));
    }

    private Uni<Proposal> pending(UUID engagementId, UUID proposalId) {
        return found(engagementId, proposalId).invoke(proposal -> {
            if (proposal.status != Proposal.Status.PROPOSED) {
                throw ProblemException.conflict("proposal #" + proposal.number + " is " + proposal.status
                        + ": only a pending proposal can be decided");
            }
        });
    }

    /**
     * The pre-deployment checklist: the automatic items answered from the lint, the judgement call (tone and scope)
     * left to the reviewer.
     */
    static List<CheckItem> checklist(List<Finding> findings, boolean skillsSelected) {
        boolean l3 = findings.stream().noneMatch(f -> f.rule().equals("unsafe/l3-missing"));
        boolean supplier = findings.stream().noneMatch(f -> f.rule().equals("supplier-internal")
                || f.rule().equals("other-client"));
        boolean credentials = findings.stream().noneMatch(f -> f.rule().startsWith("credential/"));
        boolean safe = findings.stream().noneMatch(f -> f.rule().startsWith("unsafe/"));
        return List.of(
                new CheckItem("tone-and-scope", "Tone and scope fit the client", null),
                new CheckItem("autonomy-levels", "L1/L2/L3 defined, L3 with the mandatory rules", l3),
                new CheckItem("no-supplier-data", "No supplier-internal data, no other client's name", supplier),
                new CheckItem("no-credentials", "No credential in clear", credentials),
                new CheckItem("safe-settings", "No unsafe setting (open DM policy)", safe),
                new CheckItem("skills-selected", "Skills selected", skillsSelected));
    }

    /** A proposal and its checklist. */
    public record Reviewed(Proposal proposal, List<CheckItem> checklist) {
    }

    /** One checklist item; {@code passed} is null when a person must answer it. */
    public record CheckItem(String id, String label, Boolean passed) {
    }
}
