package io.lobsterops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ContractCompatibilityTest {

    @Test
    void everyPublishedFieldIsStillThere() {
        List<String> lost = ContractShape.breakingChanges(ContractShape.published(), ContractShape.current());
        if (!lost.isEmpty()) {
            fail("The event contract lost or renamed published fields (a field may be added, never removed or renamed):\n  "
                    + String.join("\n  ", lost));
        }
    }

    @Test
    void snapshotCoversEveryCurrentField() {
        Set<String> added = new java.util.TreeSet<>(ContractShape.current());
        added.removeAll(ContractShape.published());
        assertTrue(added.isEmpty(), () -> "New fields are compatible, but record them in "
                + ContractShape.SNAPSHOT + " so that they are protected from now on:\n" + String.join("\n", added));
    }

    /** Version 1 of a payload, and three later versions: one adds a field, one renames one, one removes one. */
    record OrderV1(UUID engagementId, String clientId, Stage stage) {
    }

    record OrderAdded(UUID engagementId, String clientId, Stage stage, String note) {
    }

    record OrderRenamed(UUID engagementId, String client, Stage stage) {
    }

    record OrderRemoved(UUID engagementId, Stage stage) {
    }

    record OrderRetyped(String engagementId, String clientId, Stage stage) {
    }

    @Test
    void addingAFieldIsCompatible() {
        Set<String> published = ContractShape.of(Map.of("t", OrderV1.class));
        assertEquals(List.of(), ContractShape.breakingChanges(published, ContractShape.of(Map.of("t", OrderAdded.class))));
    }

    @Test
    void renamingAFieldIsBreaking() {
        Set<String> published = ContractShape.of(Map.of("t", OrderV1.class));
        assertEquals(List.of("t clientId java.lang.String"),
                ContractShape.breakingChanges(published, ContractShape.of(Map.of("t", OrderRenamed.class))));
    }

    @Test
    void removingAFieldIsBreaking() {
        Set<String> published = ContractShape.of(Map.of("t", OrderV1.class));
        assertEquals(List.of("t clientId java.lang.String"),
                ContractShape.breakingChanges(published, ContractShape.of(Map.of("t", OrderRemoved.class))));
    }

    @Test
    void changingAFieldTypeIsBreaking() {
        Set<String> published = ContractShape.of(Map.of("t", OrderV1.class));
        assertEquals(List.of("t engagementId java.util.UUID"),
                ContractShape.breakingChanges(published, ContractShape.of(Map.of("t", OrderRetyped.class))));
    }

    @Test
    void removingAStageIsBreaking() {
        Set<String> published = ContractShape.of(Map.of("t", OrderV1.class));
        Set<String> withoutLead = new java.util.TreeSet<>(published);
        withoutLead.remove("t stage enum LEAD");
        assertEquals(List.of("t stage enum LEAD"), ContractShape.breakingChanges(published, withoutLead));
    }

    @Test
    void asyncApiDocumentNamesEveryTypeAndTopic() throws IOException {
        String doc;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/engagement-events.yaml")) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(doc.contains("asyncapi: 3.0.0"));
        for (String type : EventCatalog.payloads().keySet()) {
            assertTrue(doc.contains(type), "AsyncAPI document misses " + type);
        }
        for (String topic : List.of(Topics.ENGAGEMENT_EVENTS, Topics.ENGAGEMENT_EVENTS_DLQ)) {
            assertTrue(doc.contains("address: " + topic), "AsyncAPI document misses topic " + topic);
        }
        for (String line : ContractShape.current()) {
            String field = line.split(" ")[1];
            String leaf = field.substring(field.lastIndexOf('.') + 1);
            assertTrue(doc.contains(leaf + ":"), "AsyncAPI document misses field " + field);
        }
    }

    @Test
    void everyPayloadNamesItsType() {
        UUID id = UUID.randomUUID();
        assertEquals(EventTypes.ENGAGEMENT_OPENED, new EngagementOpened(id, "acme", "Acme", "A", "a@acme.test", "retail",
                "eu", Stage.LEAD, "engineer", Instant.now()).type());
        assertEquals(EventTypes.ENGAGEMENT_STAGE_CHANGED,
                new EngagementStageChanged(id, "acme", Stage.LEAD, Stage.DISCOVERY, null, "engineer", Instant.now()).type());
        EventCatalog.payloads().forEach((type, payload) -> assertTrue(type.startsWith(EventTypes.PREFIX)));
    }

    @Test
    void aClientEventIsKeyedByItsClientNotAnEngagement() {
        ClientRenamed renamed = new ClientRenamed("acme", "Acme Logisitcs", "Acme Logistics", "typo", "sophie",
                Instant.now());
        ClientArchived archived = new ClientArchived("acme", "Acme Logistics", "never signed", "sophie", Instant.now());
        assertEquals(null, renamed.engagementId());
        assertEquals(ClientEvent.keyOf("acme"), renamed.subject());
        assertEquals(renamed.subject(), archived.subject());
        assertTrue(!renamed.subject().equals(ClientEvent.keyOf("acme-2")));
        assertEquals(EventTypes.CLIENT_RENAMED, renamed.type());
        assertEquals(EventTypes.CLIENT_ARCHIVED, archived.type());
    }
}
