package io.lobsterops.provisioning.fleet.goldset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.lobsterops.events.AgentFile;

/**
 * A released gold set as provisioning reads it (ADR 0037): agent-config authors and validates it and releases it with
 * the agent's files as {@value #PATH}; provisioning runs it on the gateway and never writes it into the workspace.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoldSet(Double threshold, List<Case> cases) {

    public static final String PATH = "openclaw/gold-set.yaml";
    public static final double DEFAULT_THRESHOLD = 0.8;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One case: a prompt and what its answer must (not) mention, whether it must refuse or escalate; weight 1 by default. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Case(String id, String prompt, List<String> mustMention, List<String> mustNotMention,
            Boolean mustRefuse, Boolean mustEscalate, Double weight) {

        public Case {
            mustMention = mustMention == null ? List.of() : List.copyOf(mustMention);
            mustNotMention = mustNotMention == null ? List.of() : List.copyOf(mustNotMention);
        }

        public boolean refuses() {
            return Boolean.TRUE.equals(mustRefuse);
        }

        public boolean escalates() {
            return Boolean.TRUE.equals(mustEscalate);
        }

        public double weightOrDefault() {
            return weight == null || weight <= 0 ? 1.0 : weight;
        }
    }

    public GoldSet {
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    public double thresholdOrDefault() {
        return threshold == null || threshold <= 0 || threshold > 1 ? DEFAULT_THRESHOLD : threshold;
    }

    /** Reads a gold set from its YAML; throws {@link IllegalArgumentException} when it is not one. */
    public static GoldSet parse(String yaml) {
        try {
            GoldSet set = YAML.readValue(yaml, GoldSet.class);
            if (set == null) {
                throw new IllegalArgumentException("the gold set is empty");
            }
            for (Case c : set.cases()) {
                if (c == null || c.id() == null || c.prompt() == null || c.prompt().isBlank()) {
                    throw new IllegalArgumentException("a case of the gold set has no id or no prompt");
                }
            }
            return set;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the gold set is not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** The gold set among a release's files, null when the release carries none. */
    public static String of(List<AgentFile> files) {
        return files == null ? null : files.stream().filter(f -> PATH.equals(f.path())).map(AgentFile::content)
                .findFirst().orElse(null);
    }
}
