package io.lobsterops.provisioning.engagement.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.engagement.domain.Client;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.lobsterops.provisioning.engagement.domain.StageChange;
import io.lobsterops.provisioning.engagement.persistence.ClientRepository;
import io.lobsterops.provisioning.engagement.persistence.EngagementRepository.EngagementFilter;
import io.lobsterops.provisioning.engagement.persistence.EngagementRepository;
import io.lobsterops.provisioning.engagement.persistence.StageChangeRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Opens engagements and moves them along the lifecycle; each change and its event commit together. */
@ApplicationScoped
public class EngagementService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EngagementService.class);

    private final ClientRepository clients;
    private final EngagementRepository engagements;
    private final StageChangeRepository changes;
    private final Outbox outbox;
    private final Clock clock;

    public EngagementService(ClientRepository clients, EngagementRepository engagements, StageChangeRepository changes,
            Outbox outbox) {
        this.clients = clients;
        this.engagements = engagements;
        this.changes = changes;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    public record OpenCommand(String clientId, String clientName, String contactName, String contactEmail,
            String sector, String region, String openedBy) {
    }

    @WithTransaction
    public Uni<Engagement> open(OpenCommand command) {
        Instant now = now();
        return clients.lock(command.clientId())
                .chain(existing -> existing != null ? sameName(existing, command.clientName())
                        : clients.persist(new Client(command.clientId(), command.clientName(), command.openedBy(), now)))
                .chain(client -> engagements.persist(Engagement.open(client, command.contactName(),
                        command.contactEmail(), command.sector(), command.region(), command.openedBy(), now)))
                .call(engagement -> changes.persist(
                        new StageChange(engagement, null, Stage.LEAD, "engagement opened", command.openedBy(), now)))
                .call(engagement -> outbox.append(new EngagementOpened(engagement.id, engagement.client.id,
                        engagement.client.name, engagement.contactName, engagement.contactEmail, engagement.sector,
                        engagement.region, engagement.stage, engagement.openedBy, engagement.openedAt)));
    }

    @WithTransaction
    public Uni<Engagement> moveTo(UUID id, Stage to, String reason, String by) {
        Instant now = now();
        return engagements.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", id))
                .call(engagement -> record(engagement, to, reason, by, now));
    }

    /**
     * The client accepts the delivery (one of its own users, ADR 0028): from TRAINING only, recorded with who, when and
     * its words, and the engagement goes LIVE with the acceptance as the stage change's reason.
     */
    @WithTransaction
    public Uni<Engagement> accept(UUID id, String clientScope, String by, String comment) {
        Instant now = now();
        return engagements.requireVisible(id, Optional.of(clientScope), "Engagement")
                .call(engagement -> {
                    StageChange change = engagement.accept(by, comment, now);
                    return changes.persist(change)
                            .chain(() -> outbox.append(new EngagementStageChanged(engagement.id, engagement.client.id,
                                    change.from, change.to, change.reason, by, now)))
                            .chain(() -> outbox.append(new io.lobsterops.events.AgentAccepted(engagement.id,
                                    engagement.client.id, by, engagement.acceptanceComment, now)));
                });
    }

    /** A supervisor's explicit override of the deposit gate, with who, why and when kept on the engagement. */
    @WithTransaction
    public Uni<Engagement> waiveDeposit(UUID id, String reason, String by) {
        return engagements.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", id))
                .invoke(engagement -> {
                    LOG.infof("deposit of engagement %s waived by %s: %s", id, by, reason);
                    engagement.waiveDeposit(reason, by, now());
                });
    }

    /** billing's payment.received: a DEPOSIT opens the gate to PROVISIONING. Unknown engagements are not ours. */
    public Uni<Void> paymentReceived(io.lobsterops.events.PaymentReceived payment) {
        if (payment.kind() != io.lobsterops.events.PaymentKind.DEPOSIT) {
            return Uni.createFrom().voidItem();
        }
        return engagements.findById(payment.engagementId()).invoke(engagement -> {
            if (engagement == null) {
                LOG.warnf("payment.received for unknown engagement %s ignored", payment.engagementId());
                return;
            }
            engagement.depositPaid(payment.invoiceNumber(), payment.paidAt());
        }).replaceWithVoid();
    }

    /**
     * A fact from another service ends the engagement's stage: move it to {@code to} when it is in {@code from}, with
     * the event as the reason and its service as the actor. Anywhere else (a duplicate, an event arriving late, an
     * engagement already moved on by hand) nothing moves: an event never takes an engagement backwards.
     */
    public Uni<Void> factEndsStage(UUID id, Stage from, Stage to, String reason, String by, Instant at) {
        return engagements.findById(id).chain(engagement -> {
            if (engagement == null) {
                LOG.warnf("%s for unknown engagement %s ignored", reason, id);
                return Uni.createFrom().voidItem();
            }
            if (!new io.lobsterops.provisioning.engagement.domain.StageFacts.Move(from, to).ends(engagement.stage)) {
                LOG.infof("engagement %s is %s, not %s: '%s' moves nothing", id, engagement.stage,
                        from == null ? "an open stage" : from, reason);
                return Uni.createFrom().voidItem();
            }
            return record(engagement, to, reason, by, at);
        });
    }

    /** The engagement, or null when there is none, read in the caller's session: the fleet's way to it. */
    public Uni<Engagement> get(UUID id) {
        return engagements.findById(id);
    }

    /**
     * Moves the engagement to {@code to} in the caller's transaction: the change recorded, and
     * {@code engagement.stage.changed} in the outbox with it. The caller has decided that the fact moves it: another
     * service's ({@link #factEndsStage}) or a fleet command's own (a gateway placed after the deposit, the kill switch
     * pulled or released, a termination: ADRs 0028, 0040).
     */
    public Uni<Void> record(Engagement engagement, Stage to, String reason, String by, Instant at) {
        StageChange change = engagement.moveTo(to, reason, by, at);
        return changes.persist(change).chain(() -> outbox.append(new EngagementStageChanged(engagement.id,
                engagement.client.id, change.from, change.to, reason, by, at))).replaceWithVoid();
    }

    @WithSession
    public Uni<PageView<Engagement>> search(EngagementFilter filter, Optional<String> clientScope, int page,
            int size) {
        return engagements.search(filter, clientScope, page, size);
    }

    @WithSession
    public Uni<List<StageChange>> history(UUID id, Optional<String> clientScope) {
        return engagements.requireVisible(id, clientScope, "Engagement")
                .chain(engagement -> changes.history(engagement.id));
    }

    private Uni<Client> sameName(Client existing, String name) {
        if (existing.archived()) {
            return Uni.createFrom().failure(ClientService.archived(existing));
        }
        if (!existing.name.equalsIgnoreCase(name.strip())) {
            return Uni.createFrom().failure(new ProblemException(ProvisioningProblems.CLIENT_NAME_MISMATCH,
                    "Client '" + existing.id
                    + "' already exists as '" + existing.name + "'; use its name or choose another clientId."));
        }
        return Uni.createFrom().item(existing);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
