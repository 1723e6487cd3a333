package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;

class EngagementMessagesTest {

    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");

    static EngagementStageChanged move(Stage from, Stage to, String reason) {
        return new EngagementStageChanged(UUID.randomUUID(), "acme", from, to, reason, "eric", NOW);
    }

    @Test
    void eventFieldsCannotInjectMarkdown() {
        EngagementOpened opened = new EngagementOpened(UUID.randomUUID(), "acme", "Acme *Bold* [link](http://x)",
                "Ada\n# Heading", "ada@acme.test", "logistics", "eu-west", Stage.LEAD, "eric", NOW);
        String body = EngagementMessages.opened(opened, "e1", NOW).body;
        assertTrue(body.contains("**Acme \\*Bold\\* \\[link\\]\\(http://x\\)**"), body);
        assertTrue(body.contains("Ada \\# Heading"), body);
        assertFalse(body.contains("\n# Heading"), body);
    }

    @Test
    void aStageChangeIsOneP3StaffMessageWithItsReasonQuoted() {
        List<InboxMessage> messages = EngagementMessages.stageChanged(move(Stage.SIGNED, Stage.PROVISIONING,
                "deposit paid"), "e2", NOW);
        assertEquals(1, messages.size());
        InboxMessage message = messages.getFirst();
        assertEquals(Priority.P3, message.priority);
        assertEquals(Audience.STAFF, message.audience);
        assertEquals("e2", message.sourceEventId);
        assertEquals("The engagement of `acme` moved from **SIGNED** to **PROVISIONING** by eric.\n\n> deposit paid\n",
                message.body);
    }

    @Test
    void goingLiveAlsoTellsTheClientButResumingAfterASuspensionDoesNot() {
        List<InboxMessage> live = EngagementMessages.stageChanged(move(Stage.TRAINING, Stage.LIVE, null), "e3", NOW);
        assertEquals(List.of(Audience.STAFF, Audience.CLIENT), live.stream().map(m -> m.audience).toList());
        assertEquals("acme", live.get(1).clientId);
        List<InboxMessage> resumed = EngagementMessages.stageChanged(move(Stage.SUSPENDED, Stage.LIVE, null), "e4",
                NOW);
        assertEquals(List.of(Audience.STAFF), resumed.stream().map(m -> m.audience).toList());
    }
}
