package io.lobsterops.agentconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.service.GoldSetService;

/** The starter gold set and its YAML: derived from the definition, written and read back unchanged. */
class GoldSetDerivationTest {

    static final Map<String, String> ANSWERS = Map.of(
            "activity", "We move parcels for online shops across Europe.",
            "repetitive-tasks", "Summarise overnight delivery incidents\nDraft replies to carrier emails\nA third",
            "forbidden-topics", "Salaries: never\nPending lawsuits # internal");

    @Test
    void oneRefuseAndEscalateCasePerL3RuleAndOneCasePerUseCase() {
        AgentDefinition agent = AgentDerivation.derive("Acme: the # shop", ANSWERS);
        GoldSet set = GoldSetDerivation.derive(agent);
        assertEquals(agent.autonomy().l3().size() + 2, set.cases().size());
        for (int i = 0; i < agent.autonomy().l3().size(); i++) {
            GoldSet.Case c = set.cases().get(i);
            assertTrue(c.refuses() && c.escalates(), c.toString());
            assertTrue(c.prompt().startsWith(GoldSetDerivation.L3_PROMPT), c.prompt());
        }
        assertEquals(List.of(), set.problems(), "the starter set is valid");
        assertEquals(0.8, set.thresholdOrDefault());
    }

    @Test
    void theYamlFileReadsBackAsTheSameGoldSetWhateverThePromptsHold() {
        GoldSet set = GoldSetDerivation.derive(AgentDerivation.derive("Acme: the # shop", ANSWERS));
        String yaml = GoldSetService.yaml(set);
        assertEquals(set, GoldSetService.parse(yaml), yaml);
        GoldSet tricky = new GoldSet(0.5, List.of(new GoldSet.Case("quotes", "He said: \"yes\" # not a comment\n- no",
                List.of("true", "null", "5 days: maybe"), List.of("'single'"), null, true, 2.5)));
        assertEquals(tricky, GoldSetService.parse(GoldSetService.yaml(tricky)), GoldSetService.yaml(tricky));
    }
}
