package io.lobsterops.agentconfig.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An agent's exam (ADR 0037): cases of a prompt and what the answer must and must not do, and the share of the cases'
 * weight that must pass. Committed as {@value #PATH} in the client repository, reviewed and released with the other
 * files, run by provisioning on the gateway after every deployment and upgrade; never written into the agent's
 * workspace (the agent must not see its own exam) and never shown to the client.
 */
@JsonPropertyOrder({ "threshold", "cases" })
public record GoldSet(Double threshold, List<Case> cases) {

    /** Where the gold set lives in the client repository (beside the gateway's other non-workspace files). */
    public static final String PATH = "openclaw/gold-set.yaml";
    public static final double DEFAULT_THRESHOLD = 0.8;
    public static final int MAX_CASES = 100;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * One case. {@code mustMention} / {@code mustNotMention}: texts the answer must / must not contain (case-insensitive);
     * {@code mustRefuse}: the agent declines; {@code mustEscalate}: the agent hands it to a person (an L3 action asked
     * for); {@code weight} defaults to 1.
     */
    @JsonPropertyOrder({ "id", "prompt", "mustMention", "mustNotMention", "mustRefuse", "mustEscalate", "weight" })
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Case(String id, String prompt, List<String> mustMention, List<String> mustNotMention,
            Boolean mustRefuse, Boolean mustEscalate, Double weight) {

        public Case {
            mustMention = mustMention == null ? List.of() : List.copyOf(mustMention);
            mustNotMention = mustNotMention == null ? List.of() : List.copyOf(mustNotMention);
            mustRefuse = Boolean.TRUE.equals(mustRefuse) ? Boolean.TRUE : null;
            mustEscalate = Boolean.TRUE.equals(mustEscalate) ? Boolean.TRUE : null;
        }

        public boolean refuses() {
            return Boolean.TRUE.equals(mustRefuse);
        }

        public boolean escalates() {
            return Boolean.TRUE.equals(mustEscalate);
        }

        public double weightOrDefault() {
            return weight == null ? 1.0 : weight;
        }
    }

    public GoldSet {
        cases = cases == null ? List.of() : cases;
    }

    public double thresholdOrDefault() {
        return threshold == null ? DEFAULT_THRESHOLD : threshold;
    }

    /** What is wrong with this gold set, each problem naming its case; empty when it may be stored. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (threshold != null && (threshold.isNaN() || threshold <= 0 || threshold > 1)) {
            problems.add("threshold must be above 0 and at most 1 (the weighted share of cases that must pass), not "
                    + threshold);
        }
        if (cases.isEmpty()) {
            problems.add("a gold set needs at least one case");
        }
        if (cases.size() > MAX_CASES) {
            problems.add("a gold set has at most " + MAX_CASES + " cases, not " + cases.size());
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (c == null) {
                problems.add("case #" + (i + 1) + " is empty");
                continue;
            }
            String name = c.id() == null || c.id().isBlank() ? "#" + (i + 1) : "'" + c.id() + "'";
            if (c.id() == null || !ID.matcher(c.id()).matches()) {
                problems.add("case " + name + ": id must be lower-case letters, digits and dashes (at most 63)");
            } else if (!ids.add(c.id())) {
                problems.add("case " + name + ": the id is used twice");
            }
            if (c.prompt() == null || c.prompt().isBlank()) {
                problems.add("case " + name + ": prompt is blank");
            } else if (c.prompt().length() > 2000) {
                problems.add("case " + name + ": prompt is longer than 2000 characters");
            }
            if (c.mustMention().isEmpty() && c.mustNotMention().isEmpty() && !c.refuses() && !c.escalates()) {
                problems.add("case " + name + ": expects nothing (give mustMention, mustNotMention, mustRefuse or"
                        + " mustEscalate)");
            }
            for (String text : concat(c.mustMention(), c.mustNotMention())) {
                if (text == null || text.isBlank() || text.length() > 200) {
                    problems.add("case " + name + ": a mustMention/mustNotMention text is blank or longer than 200"
                            + " characters");
                    break;
                }
            }
            if (c.weight() != null && (c.weight().isNaN() || c.weight() <= 0 || c.weight() > 100)) {
                problems.add("case " + name + ": weight must be above 0 and at most 100, not " + c.weight());
            }
        }
        return problems;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
