package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.api.AgentConfigProblems;
import io.lobsterops.agentconfig.domain.Client;
import io.lobsterops.agentconfig.domain.ClientIds;
import io.lobsterops.agentconfig.domain.Engagement;
import io.lobsterops.agentconfig.domain.Readme;
import io.lobsterops.agentconfig.git.Author;
import io.lobsterops.agentconfig.git.GitCommits;
import io.lobsterops.agentconfig.git.GitHistory;
import io.lobsterops.agentconfig.git.GitStore;
import io.lobsterops.agentconfig.git.History;
import io.lobsterops.agentconfig.git.RemoteGitException;
import io.lobsterops.agentconfig.git.RemoteMirror;
import io.lobsterops.agentconfig.git.RemoteState;
import io.lobsterops.agentconfig.persistence.ClientRepository;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.agentconfig.persistence.PendingPushRepository;
import io.lobsterops.agentconfig.persistence.RepositoryLock;
import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * One git repository per client, created when its first engagement opens. The event method runs inside the inbox's
 * transaction (see {@code EngagementEventsConsumer}) and does local work only: the push to the git server follows the
 * commit (ADR 0063). The git work is idempotent on its own (the README is rendered from data, an unchanged tree makes
 * no commit), so a retry after a failed transaction makes no second commit.
 */
@ApplicationScoped
public class RepositoryService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RepositoryService.class);

    private final ClientRepository clients;
    private final EngagementRepository engagements;
    private final GitStore git;
    private final GitCommits commits;
    private final GitHistory history;
    private final RemoteMirror mirror;
    private final RepositoryLock lock;
    private final PendingPushRepository pendingPushes;

    public RepositoryService(ClientRepository clients, EngagementRepository engagements, GitStore git,
            GitCommits commits, GitHistory history, RemoteMirror mirror, RepositoryLock lock,
            PendingPushRepository pendingPushes) {
        this.clients = clients;
        this.engagements = engagements;
        this.git = git;
        this.commits = commits;
        this.history = history;
        this.mirror = mirror;
        this.lock = lock;
        this.pendingPushes = pendingPushes;
    }

    public Uni<Void> engagementOpened(EngagementOpened opened) {
        if (!ClientIds.valid(opened.clientId())) {
            return Uni.createFrom().failure(new PoisonEventException("engagement " + opened.engagementId()
                    + " names client id '" + opened.clientId() + "', which is not a lower-case slug"));
        }
        if (opened.openedBy() == null || opened.openedBy().isBlank() || opened.openedAt() == null) {
            return Uni.createFrom().failure(new PoisonEventException("engagement " + opened.engagementId()
                    + " has no openedBy/openedAt: its repository commit would have no author"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lock.acquire(opened.clientId()).chain(() -> clients.findById(opened.clientId()))
                .chain(found -> found == null
                        ? clients.persist(Client.of(opened.clientId(), opened.clientName(),
                                git.location(opened.clientId()), git.defaultBranch(), now))
                        : Uni.createFrom().item(found).invoke(client -> client.renamed(opened.clientName(), now)))
                .chain(client -> engagements.ofClient(client.clientId)
                        .chain(known -> recordInReadme(client, known, opened))
                        .chain(head -> engagements.findById(opened.engagementId())
                                .chain(existing -> {
                                    if (existing != null) {
                                        existing.headMovedTo(head, now);
                                        return Uni.createFrom().voidItem();
                                    }
                                    return engagements.persist(Engagement.recorded(opened.engagementId(),
                                            client.clientId, opened.openedBy(), opened.openedAt(), head, now))
                                            .replaceWithVoid();
                                })));
    }

    /**
     * provisioning's client.renamed: the client's copy takes the new name (the lint checks it from now on, the old one
     * no longer), and the README says it in a commit by the supervisor who corrected it. A duplicate changes nothing
     * and commits nothing; a client this service never knew is not ours.
     */
    public Uni<Void> clientRenamed(ClientRenamed renamed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lock.acquire(renamed.clientId()).chain(() -> clients.findById(renamed.clientId())).chain(client -> {
            if (client == null) {
                LOG.infof("client.renamed for unknown client %s ignored", renamed.clientId());
                return Uni.createFrom().voidItem();
            }
            client.renamed(renamed.newName(), now);
            return engagements.ofClient(client.clientId).chain(known -> commits.commitIfChanged(client.clientId,
                    client.defaultBranch, Map.of(Readme.PATH, Readme.render(client.clientId, client.clientName,
                            entries(known))), Author.user(renamed.renamedBy(), renamed.renamedAt()),
                    "Rename the client to " + client.clientName + "\n\n" + renamed.reason())).replaceWithVoid();
        });
    }

    /** provisioning's client.archived: noted on the client; its repository and its names in the lint stay. */
    public Uni<Void> clientArchived(ClientArchived archived) {
        return clients.findById(archived.clientId()).invoke(client -> {
            if (client == null) {
                LOG.infof("client.archived for unknown client %s ignored", archived.clientId());
                return;
            }
            client.archived(archived.archivedAt());
        }).replaceWithVoid();
    }

    private static List<Readme.Entry> entries(List<Engagement> known) {
        List<Readme.Entry> entries = new ArrayList<>();
        known.forEach(e -> entries.add(new Readme.Entry(e.engagementId, e.openedBy, e.openedAt)));
        return entries;
    }

    private Uni<String> recordInReadme(Client client, List<Engagement> known, EngagementOpened opened) {
        List<Readme.Entry> entries = entries(known);
        if (known.stream().noneMatch(e -> e.engagementId.equals(opened.engagementId()))) {
            entries.add(new Readme.Entry(opened.engagementId(), opened.openedBy(), opened.openedAt()));
        }
        boolean listed = entries.size() == known.size();
        String message = (known.isEmpty() ? "Create the configuration repository of "
                : listed ? "Update the README of " : "Add an engagement of ")
                + client.clientName + "\n\nEngagement " + opened.engagementId() + " opened by " + opened.openedBy()
                + ".";
        return commits.commitIfChanged(client.clientId, client.defaultBranch,
                Map.of(Readme.PATH, Readme.render(client.clientId, client.clientName, entries)),
                Author.user(opened.openedBy(), opened.openedAt()), message);
    }

    /** The repository of an engagement with its default branch's history; another client's answers 404. */
    @WithSession
    public Uni<EngagementRepositoryState> repository(UUID engagementId, Optional<String> clientScope, int limit) {
        return engagements.requireVisible(engagementId, clientScope, "Engagement")
                .chain(engagement -> clients.findById(engagement.clientId)
                        .chain(client -> pendingPushes.findById(client.clientId)
                                .chain(owed -> history.history(client.clientId, client.defaultBranch, limit)
                                        .map(log -> new EngagementRepositoryState(engagement, client, log,
                                                mirror.remoteState(client.clientId, owed).orElse(null))))));
    }

    /**
     * Pushes the engagement's repository to the git server now, under the repository lock, without waiting for the
     * push job or its backoff: what a failed push left behind goes out, and the pending push it answered is cleared.
     * 409 without a remote; 503 when the server cannot be reached, 502 when it presents a host key that is not
     * pinned or refuses the push (the pending push stays for the job).
     */
    @WithTransaction
    public Uni<RemoteState> sync(UUID engagementId) {
        return engagements.requireVisible(engagementId, Optional.empty(), "Engagement")
                .call(engagement -> lock.acquire(engagement.clientId))
                .chain(engagement -> {
                    if (!mirror.configured()) {
                        throw ProblemException.conflict("no git remote is configured (lobsterops.git.remote.url): "
                                + "there is nothing to sync with");
                    }
                    String clientId = engagement.clientId;
                    return pendingPushes.findById(clientId).chain(owed -> mirror.sync(clientId)
                            .chain(() -> owed == null ? Uni.createFrom().item(Boolean.TRUE)
                                    : pendingPushes.pushedWithin(clientId, owed.generation))
                            .map(cleared -> mirror.remoteState(clientId, cleared ? null : owed).orElseThrow()));
                })
                .onFailure(RemoteGitException.class).transform(e -> new ProblemException(
                        AgentConfigProblems.remote(((RemoteGitException) e).kind()), e.getMessage()));
    }

    public record EngagementRepositoryState(Engagement engagement, Client client, History history,
            RemoteState remote) {
    }
}
