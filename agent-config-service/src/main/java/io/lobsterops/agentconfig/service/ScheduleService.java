package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.domain.Agent;
import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.agentconfig.domain.Cadence;
import io.lobsterops.agentconfig.domain.Engagement;
import io.lobsterops.agentconfig.domain.ScheduleChange;
import io.lobsterops.agentconfig.domain.ScheduleChange.Outcome;
import io.lobsterops.agentconfig.git.Author;
import io.lobsterops.agentconfig.persistence.AgentRepository;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.agentconfig.persistence.ScheduleChangeRepository;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The cadences monitoring's optimizer had approved ({@code schedule.changed}) reach the agent through the normal
 * review: the change is an edit of the definition by "optimizer (approved by …)", and a proposal of the new rendering
 * is opened for a supervisor's four-eyes approval, which deploys it as any release. Only a change newer than the last
 * one recorded for the activity is applied (ADR 0026).
 */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class);
    private static final Pattern ACTIVITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,99}");
    private static final int MAX_ACTIVITIES = 20;

    private final EngagementRepository engagements;
    private final AgentRepository agents;
    private final ScheduleChangeRepository changes;
    private final AgentService definitions;
    private final ProposalService proposals;

    public ScheduleService(EngagementRepository engagements, AgentRepository agents, ScheduleChangeRepository changes,
            AgentService definitions, ProposalService proposals) {
        this.engagements = engagements;
        this.agents = agents;
        this.changes = changes;
        this.definitions = definitions;
        this.proposals = proposals;
    }

    /** Applies {@code event} (id {@code eventId}) within the consumer's transaction. */
    public Uni<Void> scheduleChanged(String eventId, ScheduleChanged event) {
        Cadence cadence = Cadence.of(event.cadence()).orElseThrow(() -> new PoisonEventException("event " + eventId
                + " names cadence " + event.cadence() + ", not one of HOURLY, DAILY, WEEKLY"));
        if (event.activity() == null || !ACTIVITY.matcher(event.activity()).matches()) {
            throw new PoisonEventException("event " + eventId + " names no valid activity");
        }
        if (event.changedAt() == null || event.approvedBy() == null || event.approvedBy().isBlank()) {
            throw new PoisonEventException("event " + eventId + " says neither when nor by whom the change was approved");
        }
        return engagements.findById(event.engagementId()).chain(engagement -> {
            if (engagement == null) {
                LOG.infof("schedule.changed %s: engagement %s is not known here, nothing to change", eventId,
                        event.engagementId());
                return Uni.createFrom().voidItem();
            }
            if (event.clientId() != null && !event.clientId().equals(engagement.clientId)) {
                throw new PoisonEventException("event " + eventId + " names client " + event.clientId()
                        + " for an engagement of another client");
            }
            return agents.findById(event.engagementId()).chain(agent -> {
                if (agent == null) {
                    LOG.infof("schedule.changed %s: engagement %s has no agent definition, nothing to change",
                            eventId, event.engagementId());
                    return Uni.createFrom().voidItem();
                }
                return changes.of(event.engagementId(), event.activity())
                        .chain(last -> apply(eventId, event, cadence, engagement, agent, last));
            });
        });
    }

    private Uni<Void> apply(String eventId, ScheduleChanged event, Cadence cadence, Engagement engagement, Agent agent,
            ScheduleChange last) {
        Instant changedAt = event.changedAt().truncatedTo(ChronoUnit.MICROS);
        if (last != null && !last.olderThan(changedAt)) {
            LOG.infof("schedule.changed %s: %s of engagement %s changed at %s already, not undone by the change of %s",
                    eventId, event.activity(), event.engagementId(), last.changedAt, changedAt);
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ScheduleChange change = last != null ? last : ScheduleChange.first(event.engagementId(), event.activity());
        change.changed(cadence, event.previousCadence(), event.approvedBy(), changedAt, eventId, now);
        Uni<ScheduleChange> stored = last != null ? Uni.createFrom().item(change) : changes.persist(change);
        AgentDefinition current = definitions.read(agent.definition);
        Optional<Cadence> was = current.cadenceOf(event.activity());
        if (was.isPresent() && was.get() == cadence) {
            return stored.replaceWithVoid();
        }
        if (was.isEmpty() && current.activities().size() >= MAX_ACTIVITIES) {
            change.outcome(Outcome.REFUSED, "the agent already runs " + MAX_ACTIVITIES
                    + " scheduled activities, the most a definition holds", null);
            return stored.replaceWithVoid();
        }
        Author optimizer = Author.optimizer(event.approvedBy(), now);
        agent.edited(definitions.write(current.withCadence(event.activity(), cadence)), optimizer.name(), now);
        String reason = "Cadence of \"" + event.activity() + "\": " + was.map(Cadence::name).orElse("not scheduled")
                + " -> " + cadence + ", proposed by monitoring's optimizer and approved by " + event.approvedBy()
                + " at " + changedAt + ".";
        return stored.chain(() -> proposals.proposeWithin(event.engagementId(), optimizer, reason))
                .invoke(reviewed -> change.outcome(Outcome.PROPOSED, null, reviewed.proposal().id))
                .replaceWithVoid()
                .onFailure(e -> e instanceof LintBlockedException || e instanceof ProblemException)
                .recoverWithItem(e -> {
                    LOG.warnf("schedule.changed %s: %s of engagement %s recorded on the definition, not proposed: %s",
                            eventId, event.activity(), event.engagementId(), e.getMessage());
                    change.outcome(Outcome.NOT_PROPOSED, e.getMessage(), null);
                    return null;
                });
    }

    /** The last change recorded for each activity of the engagement, newest first (a staff view). */
    @WithSession
    public Uni<List<ScheduleChange>> changes(UUID engagementId) {
        return definitions.engagement(engagementId, Optional.empty())
                .chain(engagement -> changes.ofEngagement(engagementId));
    }
}
