package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.agentconfig.domain.GoldSet;
import io.lobsterops.agentconfig.domain.GoldSetDerivation;
import io.lobsterops.agentconfig.domain.StoredGoldSet;
import io.lobsterops.agentconfig.persistence.AgentRepository;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.agentconfig.persistence.GoldSetRepository;
import io.lobsterops.kit.api.Problem;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The gold set of an engagement's agent (ADR 0037): the edited one, else the starter derived from the current
 * definition. What the next proposal commits as {@value GoldSet#PATH}. Staff only: a client asking gets 404, as if
 * there were none.
 */
@ApplicationScoped
public class GoldSetService {

    private static final String HEADER = """
            # The agent's gold set: run on its gateway after every deployment and upgrade, one session per case.
            # Never sent to the gateway's workspace and never shown to the client. Edit it with
            # PUT /engagements/{id}/agent/gold-set; it is released with the next approved proposal.
            """;

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final EngagementRepository engagements;
    private final AgentRepository agents;
    private final GoldSetRepository goldSets;
    private final ObjectMapper json;

    public GoldSetService(EngagementRepository engagements, AgentRepository agents, GoldSetRepository goldSets,
            ObjectMapper json) {
        this.engagements = engagements;
        this.agents = agents;
        this.goldSets = goldSets;
        this.json = json;
    }

    /** The gold set the next proposal would commit; a client gets 404. */
    @WithSession
    public Uni<GoldSetState> goldSet(UUID engagementId, Optional<String> clientScope) {
        if (clientScope.isPresent()) {
            return Uni.createFrom().failure(ProblemException.notFound("Gold set of engagement", engagementId));
        }
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> goldSets.findById(engagementId))
                .chain(stored -> stored != null ? Uni.createFrom().item(GoldSetState.of(stored, parse(stored.document)))
                        : agents.findById(engagementId)
                                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                                        "Agent definition of engagement", engagementId))
                                .map(agent -> GoldSetState.starter(GoldSetDerivation.derive(definition(agent
                                        .definition)))));
    }

    /** Replaces the gold set after checking it: 400 naming each bad case, nothing stored. */
    @WithTransaction
    public Uni<GoldSetState> replace(UUID engagementId, GoldSet goldSet, String by) {
        if (goldSet == null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, "a gold set is required"));
        }
        List<String> problems = goldSet.problems();
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION,
                    "the gold set is not valid: " + String.join("; ", problems),
                    problems.stream().map(p -> new Problem.Violation(field(p), p)).toList()));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String document = yaml(goldSet);
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> goldSets.findById(engagementId))
                .chain(stored -> {
                    if (stored == null) {
                        return goldSets.persist(StoredGoldSet.first(engagementId, document, by, now));
                    }
                    stored.edited(document, by, now);
                    return Uni.createFrom().item(stored);
                })
                .map(stored -> GoldSetState.of(stored, goldSet));
    }

    /** The gold set to commit with the rendering of {@code definition}, within the caller's session, as YAML. */
    public Uni<String> document(UUID engagementId, AgentDefinition definition) {
        return goldSets.findById(engagementId).map(stored -> stored != null ? stored.document
                : yaml(GoldSetDerivation.derive(definition)));
    }

    /** The gold set as the YAML file of the repository (a header comment, then the document). */
    public static String yaml(GoldSet goldSet) {
        try {
            GoldSet withThreshold = new GoldSet(goldSet.thresholdOrDefault(), goldSet.cases());
            return HEADER + YAML.writeValueAsString(withThreshold);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("gold set cannot be written", e);
        }
    }

    /** Reads a gold set from YAML (or JSON, a subset of it); 400 when it is not one. */
    public static GoldSet parse(String document) {
        try {
            GoldSet goldSet = YAML.readValue(document, GoldSet.class);
            if (goldSet == null) {
                throw new ProblemException(ProblemType.MALFORMED, "the gold set document is empty");
            }
            return goldSet;
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED, "not a gold set: " + e.getOriginalMessage());
        }
    }

    private AgentDefinition definition(String stored) {
        try {
            return json.readValue(stored, AgentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored agent definition is unreadable", e);
        }
    }

    private static String field(String problem) {
        int quote = problem.indexOf('\'');
        if (problem.startsWith("case ") && quote > 0) {
            return "cases[" + problem.substring(quote + 1, problem.indexOf('\'', quote + 1)) + "]";
        }
        return problem.startsWith("case #") ? "cases[" + problem.substring(5, problem.indexOf(':')) + "]"
                : problem.startsWith("threshold") ? "threshold" : "cases";
    }

    /** A gold set and where it stands: {@code starter} when nobody edited it yet (revision 0). */
    public record GoldSetState(int revision, boolean starter, String updatedBy, Instant updatedAt, GoldSet goldSet) {

        static GoldSetState of(StoredGoldSet stored, GoldSet goldSet) {
            return new GoldSetState(stored.revision, false, stored.updatedBy, stored.updatedAt, goldSet);
        }

        static GoldSetState starter(GoldSet goldSet) {
            return new GoldSetState(0, true, null, null, goldSet);
        }
    }
}
