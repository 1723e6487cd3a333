package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.agentconfig.api.AgentConfigProblems;
import io.lobsterops.agentconfig.config.LintConfig;
import io.lobsterops.agentconfig.domain.Agent;
import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.agentconfig.domain.AgentDerivation;
import io.lobsterops.agentconfig.domain.AgentEdit;
import io.lobsterops.agentconfig.domain.Client;
import io.lobsterops.agentconfig.domain.DefinitionDiff;
import io.lobsterops.agentconfig.domain.DefinitionDiff.Change;
import io.lobsterops.agentconfig.domain.DiscoveryAnswer;
import io.lobsterops.agentconfig.domain.Engagement;
import io.lobsterops.agentconfig.domain.Questionnaire;
import io.lobsterops.agentconfig.lint.Finding;
import io.lobsterops.agentconfig.lint.LeakLint;
import io.lobsterops.agentconfig.openclaw.Rendering;
import io.lobsterops.agentconfig.openclaw.RenderingTooLargeException;
import io.lobsterops.agentconfig.openclaw.WorkspaceRenderer;
import io.lobsterops.agentconfig.persistence.AgentRepository;
import io.lobsterops.agentconfig.persistence.ClientRepository;
import io.lobsterops.agentconfig.persistence.DiscoveryAnswerRepository;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Discovery answers, the agent definition derived from them, and its rendering checked by the leak lint. */
@ApplicationScoped
public class AgentService {

    private final EngagementRepository engagements;
    private final ClientRepository clients;
    private final DiscoveryAnswerRepository answers;
    private final AgentRepository agents;
    private final WorkspaceRenderer renderer;
    private final LintConfig lint;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final GoldSetService goldSets;

    /** The lint's terms and allowances of the moment (ADR 0045). */
    @jakarta.inject.Inject
    LintTermsService lintTerms;

    public AgentService(EngagementRepository engagements, ClientRepository clients, DiscoveryAnswerRepository answers,
            AgentRepository agents, WorkspaceRenderer renderer, LintConfig lint, ObjectMapper json, Outbox outbox,
            GoldSetService goldSets) {
        this.goldSets = goldSets;
        this.engagements = engagements;
        this.clients = clients;
        this.answers = answers;
        this.agents = agents;
        this.renderer = renderer;
        this.lint = lint;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Stores the given answers against the current questionnaire (a partial save: other answers stay); a blank answer
     * withdraws it. {@code version}, when stated, must be the current one: answers to another version are refused.
     * When anything changed, {@code discovery.answered} carries every current answer (billing writes the proposal
     * from it), in the same transaction.
     */
    @WithTransaction
    public Uni<Discovery> answer(UUID engagementId, String version, Map<String, String> given, String by) {
        Questionnaire questionnaire = Questionnaire.CURRENT;
        if (version != null && !version.equals(questionnaire.version())) {
            return Uni.createFrom().failure(ProblemException.conflict("answers are taken against questionnaire "
                    + questionnaire.version() + " only, not " + version + ": reload the questionnaire"));
        }
        List<String> unknown = given.keySet().stream().filter(id -> !questionnaire.asks(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION,
                    "questionnaire " + questionnaire.version() + " has no question " + String.join(", ", unknown)));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean[] changed = {false};
        return engagement(engagementId, Optional.empty())
                .chain(engagement -> answers.ofEngagement(engagementId)
                .chain(existing -> {
                    Map<String, DiscoveryAnswer> byQuestion = new LinkedHashMap<>();
                    existing.forEach(a -> byQuestion.put(a.questionId, a));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, String> entry : given.entrySet()) {
                        DiscoveryAnswer current = byQuestion.get(entry.getKey());
                        String text = entry.getValue() == null ? "" : entry.getValue().strip();
                        if (text.isEmpty()) {
                            if (current != null) {
                                changed[0] = true;
                                chain = chain.chain(() -> answers.delete(current));
                            }
                        } else if (current != null) {
                            changed[0] |= !text.equals(current.answer);
                            current.answer(text, questionnaire.version(), by, now);
                        } else {
                            changed[0] = true;
                            chain = chain.chain(() -> answers.persist(DiscoveryAnswer.given(engagementId,
                                    questionnaire.version(), entry.getKey(), text, by, now)).replaceWithVoid());
                        }
                    }
                    return chain;
                })
                .chain(() -> answers.flush())
                .chain(() -> answers.ofEngagement(engagementId))
                .call(list -> changed[0] ? outbox.append(answered(engagement, questionnaire, list, by, now))
                        : Uni.createFrom().voidItem()))
                .map(list -> new Discovery(engagementId, list));
    }

    private static DiscoveryAnswered answered(Engagement engagement, Questionnaire questionnaire,
            List<DiscoveryAnswer> current, String by, Instant at) {
        List<DiscoveryAnswered.Answer> answered = current.stream()
                .map(a -> new DiscoveryAnswered.Answer(a.questionId, Questionnaire.version(a.questionnaireVersion)
                        .flatMap(q -> q.question(a.questionId))
                        .map(q -> q.text().get("en"))
                        .orElse(a.questionId), a.answer))
                .toList();
        return new DiscoveryAnswered(engagement.engagementId, engagement.clientId, questionnaire.version(), answered,
                by, at);
    }

    @WithSession
    public Uni<Discovery> discovery(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope)
                .chain(engagement -> answers.ofEngagement(engagementId))
                .map(list -> new Discovery(engagementId, list));
    }

    /** Derives the first agent definition from the answers; an engagement has one definition (409 if it exists). */
    @WithTransaction
    public Uni<AgentState> create(UUID engagementId, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return engagement(engagementId, Optional.empty())
                .chain(engagement -> agents.findById(engagementId)
                        .onItem().ifNotNull().failWith(() -> ProblemException.conflict("engagement " + engagementId
                                + " already has an agent definition: edit it, or regenerate it from the answers"))
                        .chain(() -> derive(engagement))
                        .chain(definition -> agents.persist(Agent.created(engagementId, write(definition), by, now))))
                .map(this::state);
    }

    @WithSession
    public Uni<AgentState> agent(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope).chain(engagement -> agentOf(engagementId)).map(this::state);
    }

    /**
     * Applies the fields of {@code edit} that are set; the mandatory L3 rules cannot be edited away, and an activity is
     * scheduled once.
     */
    @WithTransaction
    public Uni<AgentState> edit(UUID engagementId, AgentEdit edit, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (edit.activities() != null) {
            List<String> names = edit.activities().stream().map(AgentDefinition.ScheduledActivity::name).toList();
            List<String> twice = names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).distinct()
                    .toList();
            if (!twice.isEmpty()) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION,
                        "an activity is scheduled once: " + String.join(", ", twice) + " is listed twice"));
            }
        }
        return engagement(engagementId, Optional.empty())
                .chain(engagement -> agentOf(engagementId))
                .invoke(agent -> agent.edited(write(edit.applyTo(read(agent.definition)).withMandatoryL3()), by, now))
                .map(this::state);
    }

    /** What regenerating the definition from the current answers would change, field by field (nothing is applied). */
    @WithSession
    public Uni<List<Change>> regeneration(UUID engagementId) {
        return engagement(engagementId, Optional.empty())
                .chain(engagement -> agentOf(engagementId)
                        .chain(agent -> derive(engagement).map(regenerated -> {
                            AgentDefinition current = read(agent.definition);
                            return changes(current, regenerated.withActivities(current.activities()));
                        })));
    }

    /**
     * Replaces the definition with the one derived from the current answers. The scheduled activities are not derived
     * from answers (monitoring's optimizer and the engineers set them): they stay.
     */
    @WithTransaction
    public Uni<AgentState> regenerate(UUID engagementId, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return engagement(engagementId, Optional.empty())
                .chain(engagement -> agentOf(engagementId)
                        .chain(agent -> derive(engagement).invoke(regenerated -> agent.edited(write(regenerated
                                .withActivities(read(agent.definition).activities())), by, now)).replaceWith(agent)))
                .map(this::state);
    }

    /**
     * The files the definition renders to and what the lint finds in them; nothing is committed. A client's preview
     * leaves the gold set out (ADR 0037).
     */
    @WithSession
    public Uni<Preview> preview(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope).chain(this::renderAndLint)
                .map(preview -> clientScope.isEmpty() ? preview : preview.withoutGoldSet());
    }

    /** Renders the engagement's agent and lints the result, within the caller's session. */
    public Uni<Preview> renderAndLint(Engagement engagement) {
        return agentOf(engagement.engagementId)
                .chain(agent -> goldSets.document(engagement.engagementId, read(agent.definition))
                .chain(goldSet -> lintContext(engagement.clientId).map(context -> {
                    Rendering rendering = render(engagement, read(agent.definition), goldSet);
                    return new Preview(agent.revision, rendering, LeakLint.scan(rendering.contents(), context));
                })));
    }

    /**
     * The lint's view of the moment: configured supplier terms, this client's names and every other client's — by
     * their current name (a corrected name replaces the mistaken one), archived clients included (ADR 0059).
     */
    public Uni<LeakLint.Context> lintContext(String clientId) {
        return lintTerms.inForce().chain(terms -> lintTerms.allowedKeys(clientId).chain(allowed -> clients.listAll()
                .map(all -> {
            List<String> own = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (Client client : all) {
                List<String> names = client.clientId.equals(clientId) ? own : others;
                names.add(client.clientName);
                names.add(client.clientId);
            }
            return new LeakLint.Context(terms.terms(), own, others, terms.suppliers(), allowed);
        })));
    }

    public Uni<Engagement> engagement(UUID engagementId, Optional<String> clientScope) {
        return engagements.requireVisible(engagementId, clientScope, "Engagement");
    }

    private Uni<Agent> agentOf(UUID engagementId) {
        return agents.findById(engagementId).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "Agent definition of engagement", engagementId));
    }

    private Uni<AgentDefinition> derive(Engagement engagement) {
        return clients.findById(engagement.clientId)
                .chain(client -> answers.ofEngagement(engagement.engagementId).map(list -> {
                    Map<String, String> byQuestion = new LinkedHashMap<>();
                    list.forEach(a -> byQuestion.put(a.questionId, a.answer));
                    return AgentDerivation.derive(client.clientName, byQuestion);
                }));
    }

    private Rendering render(Engagement engagement, AgentDefinition definition, String goldSet) {
        try {
            return renderer.render(engagement.clientId, definition, goldSet);
        } catch (RenderingTooLargeException e) {
            throw new ProblemException(AgentConfigProblems.RENDERING_TOO_LARGE, e.getMessage());
        }
    }

    private List<Change> changes(AgentDefinition current, AgentDefinition regenerated) {
        return DefinitionDiff.between(json.valueToTree(current), json.valueToTree(regenerated));
    }

    private AgentState state(Agent agent) {
        return new AgentState(agent, read(agent.definition));
    }

    AgentDefinition read(String definition) {
        try {
            return json.readValue(definition, AgentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored agent definition is unreadable", e);
        }
    }

    String write(AgentDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent definition cannot be written", e);
        }
    }

    public record Discovery(UUID engagementId, List<DiscoveryAnswer> answers) {
    }

    public record AgentState(Agent agent, AgentDefinition definition) {
    }


    public record Preview(int revision, Rendering rendering, List<Finding> findings) {

        /** The same preview without the gold set and what the lint found in it: what a client may see. */
        public Preview withoutGoldSet() {
            String path = io.lobsterops.agentconfig.domain.GoldSet.PATH;
            return new Preview(revision, new Rendering(rendering.openclawVersion(), rendering.files().stream()
                    .filter(f -> !f.path().equals(path)).toList()),
                    findings.stream().filter(f -> !path.equals(f.file())).toList());
        }
    }
}
