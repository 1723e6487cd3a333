package io.lobsterops.agentconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The regeneration diff on its own: nested objects field by field, lists by items added and removed. */
class DefinitionDiffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void equalDefinitionsHaveNoChange() {
        assertEquals(List.of(), DefinitionDiff.between(json("{'a':{'b':[1,2]}}"), json("{'a':{'b':[1,2]}}")));
    }

    @Test
    void nestedObjectsAreComparedFieldByFieldAndNamedByTheirPath() {
        List<DefinitionDiff.Change> changes = DefinitionDiff.between(
                json("{'tone':'warm','channel':{'kind':'TELEGRAM','dmPolicy':'pairing','allowFrom':[]}}"),
                json("{'tone':'warm','channel':{'kind':'SLACK','dmPolicy':'pairing','allowFrom':[]}}"));
        assertEquals(1, changes.size());
        assertEquals("channel.kind", changes.getFirst().field());
        assertEquals("TELEGRAM", changes.getFirst().current().asText());
        assertEquals("SLACK", changes.getFirst().regenerated().asText());
        assertNull(changes.getFirst().added(), "a value that is not a list has no added items");
    }

    @Test
    void listsAnswerTheItemsAddedAndRemovedCountingDuplicates() {
        DefinitionDiff.Change change = DefinitionDiff.between(json("{'tasks':['a','b','b']}"),
                json("{'tasks':['b','c']}")).getFirst();
        assertEquals("tasks", change.field());
        assertEquals(List.of(json("'c'")), change.added());
        assertEquals(List.of(json("'a'"), json("'b'")), change.removed());
    }

    @Test
    void listsOfObjectsCompareWholeItemsAndAReorderedListIsAChangeWithNothingAddedOrRemoved() {
        DefinitionDiff.Change permission = DefinitionDiff.between(
                json("{'capabilities':[{'tool':'gmail','permission':'READ'}]}"),
                json("{'capabilities':[{'tool':'gmail','permission':'READ_WRITE'}]}")).getFirst();
        assertEquals(List.of(json("{'tool':'gmail','permission':'READ_WRITE'}")), permission.added());
        assertEquals(List.of(json("{'tool':'gmail','permission':'READ'}")), permission.removed());
        DefinitionDiff.Change reordered = DefinitionDiff.between(json("{'times':['07:30','18:00']}"),
                json("{'times':['18:00','07:30']}")).getFirst();
        assertEquals(List.of(), reordered.added());
        assertEquals(List.of(), reordered.removed());
    }

    @Test
    void aFieldOnlyOneSideHasIsAChangeFromOrToNothing() {
        DefinitionDiff.Change change = DefinitionDiff.between(json("{'a':1}"), json("{'a':1,'b':{'c':2}}"))
                .getFirst();
        assertEquals("b", change.field());
        assertNull(change.current());
        assertEquals(2, change.regenerated().get("c").asInt());
    }
}
