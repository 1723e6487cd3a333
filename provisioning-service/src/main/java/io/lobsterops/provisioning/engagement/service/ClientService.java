package io.lobsterops.provisioning.engagement.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.engagement.domain.Client;
import io.lobsterops.provisioning.engagement.domain.ClientChange;
import io.lobsterops.provisioning.engagement.persistence.ClientChangeRepository;
import io.lobsterops.provisioning.engagement.persistence.ClientRepository;
import io.lobsterops.provisioning.engagement.persistence.EngagementRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A supervisor's corrections of a client created by mistake (ADR 0059): a rename, or an archive when none of its
 * engagements is open. Each correction, its audit line and its event commit together.
 */
@ApplicationScoped
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);

    private final ClientRepository clients;
    private final ClientChangeRepository changes;
    private final EngagementRepository engagements;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public ClientService(ClientRepository clients, ClientChangeRepository changes, EngagementRepository engagements,
            Outbox outbox) {
        this.clients = clients;
        this.changes = changes;
        this.engagements = engagements;
        this.outbox = outbox;
    }

    /** A client with its corrections, oldest first. */
    public record ClientWithHistory(Client client, List<ClientChange> history) {
    }

    @WithSession
    public Uni<PageView<Client>> page(int page, int size) {
        return clients.page(page, size);
    }

    @WithSession
    public Uni<ClientWithHistory> find(String id, Optional<String> clientScope) {
        return clients.requireVisible(id, clientScope, "Client")
                .chain(this::withHistory);
    }

    /** Renames the client; the same name again changes nothing and publishes nothing. */
    @WithTransaction
    public Uni<ClientWithHistory> rename(String id, String name, String reason, String by) {
        Instant now = now();
        return lockedActive(id).chain(client -> client.rename(name, reason, by, now)
                .map(change -> changes.persist(change)
                        .call(() -> outbox.append(new ClientRenamed(client.id, change.oldName, change.newName,
                                reason, by, now)))
                        .invoke(() -> LOG.infof("client %s renamed by %s: '%s' -> '%s'", id, by, change.oldName,
                                change.newName))
                        .replaceWith(client))
                .orElseGet(() -> Uni.createFrom().item(client)))
                .chain(this::withHistory);
    }

    /** Archives the client when none of its engagements is open (every one TERMINATED, or none at all). */
    @WithTransaction
    public Uni<ClientWithHistory> archive(String id, String reason, String by) {
        Instant now = now();
        return lockedActive(id)
                .call(client -> engagements.countOpen(client.id).invoke(open -> {
                    if (open > 0) {
                        throw new ProblemException(ProvisioningProblems.CLIENT_HAS_ENGAGEMENTS,
                                "Client '" + client.id + "' has " + open
                                + " engagement(s) not TERMINATED; terminate them before archiving the client.");
                    }
                }))
                .call(client -> {
                    ClientChange change = client.archive(reason, by, now);
                    LOG.infof("client %s archived by %s: %s", id, by, reason);
                    return changes.persist(change)
                            .chain(() -> outbox.append(new ClientArchived(client.id, client.name, reason, by, now)));
                })
                .chain(this::withHistory);
    }

    /**
     * An archived client answers {@link ProvisioningProblems#CLIENT_ARCHIVED}: it is neither renamed, archived again
     * nor given work.
     */
    public static ProblemException archived(Client client) {
        return new ProblemException(ProvisioningProblems.CLIENT_ARCHIVED,
                "Client '" + client.id + "' was archived on " + client.archivedAt
                + "; it gets no new engagement and no correction.");
    }

    private Uni<ClientWithHistory> withHistory(Client client) {
        return changes.history(client.id).map(history -> new ClientWithHistory(client, history));
    }

    private Uni<Client> lockedActive(String id) {
        return clients.lock(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Client", id))
                .invoke(client -> {
                    if (client.archived()) {
                        throw archived(client);
                    }
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
