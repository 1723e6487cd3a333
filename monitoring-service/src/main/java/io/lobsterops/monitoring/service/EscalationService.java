package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.api.MonitoringProblems;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.EscalationDecision;
import io.lobsterops.monitoring.domain.EscalationRule;
import io.lobsterops.monitoring.domain.EscalationState;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.persistence.EscalationDecisionRepository;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Raises, refreshes and resolves escalations. A finding opens one escalation per (engagement, rule) and publishes
 * escalation.raised once; the same rule firing again refreshes it. A P0/P1 during the stability window restarts the
 * window. An escalation whose rule stays quiet for the quiet period resolves by itself (escalation.resolved).
 */
@ApplicationScoped
public class EscalationService {

    private static final Logger LOG = Logger.getLogger(EscalationService.class);
    public static final String QUIET = "monitoring-service (rule quiet)";

    private final EscalationRepository escalations;
    private final EscalationDecisionRepository decisions;
    private final MonitoredEngagementRepository engagements;
    private final MonitoredGatewayRepository gateways;
    private final Outbox outbox;
    private final MonitoringConfig config;

    public EscalationService(EscalationRepository escalations, EscalationDecisionRepository decisions,
            MonitoredEngagementRepository engagements, MonitoredGatewayRepository gateways, Outbox outbox,
            MonitoringConfig config) {
        this.escalations = escalations;
        this.decisions = decisions;
        this.engagements = engagements;
        this.gateways = gateways;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * A rule fired: open an escalation (and publish it) or refresh the open one. Runs inside the caller's
     * transaction. Answers the escalation and whether it was newly raised.
     */
    public Uni<Raised> fire(Finding finding) {
        Instant now = now();
        return escalations.findOpen(finding.engagementId(), finding.ruleKey()).chain(open -> {
            if (open != null) {
                open.refresh(finding, now);
                return Uni.createFrom().item(new Raised(open, false));
            }
            Escalation escalation = Escalation.raise(finding, now);
            LOG.infof("escalation %s raised for engagement %s: %s %s", escalation.id, escalation.engagementId,
                    escalation.priority, escalation.summary);
            return escalations.persist(escalation)
                    .call(() -> outbox.append(new EscalationRaised(escalation.engagementId, escalation.clientId,
                            escalation.id, escalation.rule, escalation.priority, escalation.summary,
                            escalation.handoff(), escalation.raisedAt)))
                    .call(() -> escalation.urgent() ? restartWindow(escalation, now) : Uni.createFrom().voidItem())
                    .replaceWith(new Raised(escalation, true));
        });
    }

    public record Raised(Escalation escalation, boolean isNew) {
    }

    private Uni<Void> restartWindow(Escalation escalation, Instant now) {
        return engagements.findById(escalation.engagementId).invoke(engagement -> {
            if (engagement != null && engagement.restartStabilityWindow(now, StabilityService.windowOf(engagement,
                    config.stabilityWindow()))) {
                LOG.infof("stability window of engagement %s restarted by %s escalation %s",
                        engagement.engagementId, escalation.priority, escalation.rule);
            }
        }).replaceWithVoid();
    }

    /**
     * incident.opened from another service: an escalation of the incident's priority, one per incident kind. An
     * incident about a host (no engagement: a changed host key) is escalated for every engagement with a gateway
     * there, so each one's stability window and cockpit line show it.
     */
    public Uni<Void> incident(IncidentOpened incident) {
        if (incident.hostLevel()) {
            if (incident.hostId() == null) {
                LOG.warnf("incident %s names neither an engagement nor a host: ignored", incident.kind());
                return Uni.createFrom().voidItem();
            }
            return gateways.onHost(incident.hostId()).chain(list -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (UUID engagementId : list.stream().map(g -> g.engagementId).distinct().toList()) {
                    chain = chain.chain(() -> incident(new IncidentOpened(engagementId, null, incident.kind(),
                            incident.priority(), incident.summary(), incident.detail(), incident.openedAt(),
                            incident.hostId())));
                }
                return chain;
            });
        }
        return engagements.findById(incident.engagementId()).chain(engagement -> {
            if (engagement == null) {
                LOG.warnf("incident %s for engagement %s not monitored here: ignored", incident.kind(),
                        incident.engagementId());
                return Uni.createFrom().voidItem();
            }
            Finding finding = new Finding(incident.engagementId(), engagement.clientId,
                    EscalationRule.INCIDENT.key() + ":" + incident.kind(), incident.priority(), incident.summary(),
                    new io.lobsterops.events.Handoff(incident.detail(), "reported by another service at "
                            + incident.openedAt(), List.of("investigate the cause", "resolve when handled"),
                            "read the incident's detail and act on the host or the agent",
                            Finding.urgency(incident.priority())));
            return fire(finding).replaceWithVoid();
        });
    }

    /** notification.acknowledged: the person paged has taken it; the escalation stays until resolved. */
    public Uni<Void> acknowledged(NotificationAcknowledged ack) {
        if (ack.escalationId() == null) {
            return Uni.createFrom().voidItem();
        }
        return escalations.findById(ack.escalationId()).invoke(escalation -> {
            if (escalation != null) {
                escalation.acknowledge(ack.acknowledgedBy() + " (" + ack.via() + ")", ack.acknowledgedAt());
            }
        }).replaceWithVoid();
    }

    /** agent.terminated: every open escalation of the engagement is closed with the reason (escalation.resolved each). */
    public Uni<Void> closeAll(UUID engagementId, String resolution, String by, Instant at) {
        return escalations.openFor(engagementId).chain(open -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Escalation escalation : open) {
                chain = chain.chain(() -> resolved(escalation, resolution, by, at));
            }
            return chain;
        });
    }

    @WithTransaction
    public Uni<Escalation> decide(UUID id, String decision, String note, String by) {
        Instant now = now();
        return escalations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation", id))
                .call(escalation -> {
                    escalation.acknowledge(by, now);
                    return decisions.persist(new EscalationDecision(id, decision, note, by, now));
                });
    }

    @WithTransaction
    public Uni<Escalation> resolve(UUID id, String resolution, String by) {
        return escalations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation", id))
                .call(escalation -> {
                    if (!escalation.open()) {
                        throw new ProblemException(MonitoringProblems.ESCALATION_RESOLVED,
                                "Escalation " + id + " was resolved by "
                                + escalation.resolvedBy + " at " + escalation.resolvedAt + ".");
                    }
                    return resolved(escalation, resolution, by, now());
                });
    }

    private Uni<Void> resolved(Escalation escalation, String resolution, String by, Instant at) {
        if (!escalation.resolve(resolution, by, at)) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("escalation %s (%s) resolved by %s", escalation.id, escalation.rule, by);
        return outbox.append(new EscalationResolved(escalation.engagementId, escalation.clientId, escalation.id,
                escalation.rule, resolution, by, at)).replaceWithVoid();
    }

    /**
     * Resolves the open escalations whose rule stopped firing a quiet period ago, each in a transaction of its own
     * that checks it is still quiet: holding one row at a time, this round never deadlocks with the event consumer,
     * which updates several escalations in one batch (it did when this round updated them all in one transaction).
     */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.monitoring.escalations.evaluate-every:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resolveQuietOnes() {
        Instant now = now();
        Instant cutoff = now.minus(config.escalations().quietPeriod());
        List<String> quietable = Arrays.stream(EscalationRule.values()).filter(EscalationRule::resolvesWhenQuiet)
                .map(EscalationRule::key).toList();
        return Panache.withSession(() -> escalations.quietSince(cutoff, quietable))
                .chain(quiet -> Multi.createFrom().iterable(quiet.stream().map(e -> e.id).toList())
                        .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> escalations
                                .findById(id).chain(escalation -> escalation == null || !escalation.open()
                                        || !escalation.lastFiredAt.isBefore(cutoff)
                                        ? Uni.createFrom().voidItem()
                                        : resolved(escalation, "the rule has not fired for "
                                                + config.escalations().quietPeriod(), QUIET, now))))
                        .collect().last())
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Escalation> find(UUID id) {
        return escalations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation", id));
    }

    @WithSession
    public Uni<List<EscalationDecision>> decisionsOf(UUID id) {
        return decisions.list("escalationId = ?1 order by decidedAt, id", id);
    }

    @WithSession
    public Uni<PageView<Escalation>> page(Optional<EscalationState> state, Optional<UUID> engagementId, int page,
            int size) {
        return escalations.page(state, engagementId, page, size);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
