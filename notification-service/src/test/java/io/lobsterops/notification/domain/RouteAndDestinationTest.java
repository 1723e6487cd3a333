package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

class RouteAndDestinationTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final String WEBHOOK = "https://hooks.example.test/services/T0/B0/x";

    static Destination.Settings telegram(String clientId, Integer rank, String secret) {
        return new Destination.Settings("ops chat", Channel.TELEGRAM, clientId, null, "-100123", rank, true, secret);
    }

    @Test
    void onlyAStaffRuleRepages() {
        ProblemException refused = assertThrows(ProblemException.class, () -> Route.created(new Route.Settings(
                "client pages", Audience.CLIENT, Priority.P0, null, "acme", Channel.TELEGRAM, null, true, true), "ops",
                NOW));
        assertEquals(ProblemType.VALIDATION, refused.type());
        Route staff = Route.created(new Route.Settings("pages", Audience.STAFF, Priority.P0, null, null,
                Channel.TELEGRAM, null, true, true), "ops", NOW);
        assertEquals(true, staff.repage);
    }

    @Test
    void aDestinationStaysBoundToItsClient() {
        Destination destination = Destination.created(telegram("acme", null, null), "ops", NOW);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> destination.changed(telegram("globex", null, null)));
        assertEquals(ProblemType.CONFLICT, refused.type());
    }

    @Test
    void onlyAStaffDestinationIsOnDuty() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> Destination.created(telegram("acme", 1, null), "ops", NOW));
        assertEquals(ProblemType.VALIDATION, refused.type());
    }

    @Test
    void eachChannelChecksItsAddressAndSecret() {
        assertEquals("address: a Telegram chat id (digits, negative for a group) or @channelname",
                assertThrows(ProblemException.class, () -> Destination.created(new Destination.Settings("x",
                        Channel.TELEGRAM, null, null, "not a chat", null, true, null), "ops", NOW)).getMessage());
        assertEquals("secret: an e-mail destination has none (the SMTP relay is configuration)",
                assertThrows(ProblemException.class, () -> Destination.created(new Destination.Settings("x",
                        Channel.EMAIL, null, null, "ops@example.test", null, true, "s"), "ops", NOW)).getMessage());
        assertEquals("secret: the Slack incoming-webhook URL is required",
                assertThrows(ProblemException.class, () -> Destination.created(new Destination.Settings("x",
                        Channel.SLACK, null, null, null, null, true, null), "ops", NOW)).getMessage());
    }

    @Test
    void anotherChannelForgetsTheSecretAndASlackOneNeedsItsWebhook() {
        Destination destination = Destination.created(telegram(null, 1, null), "ops", NOW);
        destination.secretSealed("sealed");
        Destination.Settings slack = new Destination.Settings("x", Channel.SLACK, null, null, null, null, true, null);
        assertThrows(ProblemException.class, () -> destination.changed(slack));
        destination.changed(new Destination.Settings("x", Channel.SLACK, null, null, null, null, true, WEBHOOK));
        assertNull(destination.secretSealed);
    }

    @Test
    void onlyADeadOrUncertainDeliveryIsRetried() {
        Delivery delivery = new Delivery();
        delivery.status = DeliveryStatus.SENT;
        assertEquals(ProblemType.CONFLICT,
                assertThrows(ProblemException.class, () -> delivery.retried(NOW)).type());
        delivery.status = DeliveryStatus.DEAD;
        delivery.attempts = 5;
        delivery.leaseUntil = NOW;
        delivery.retried(NOW);
        assertEquals(DeliveryStatus.PENDING, delivery.status);
        assertEquals(0, delivery.attempts);
        assertEquals(NOW, delivery.nextAttemptAt);
        assertNull(delivery.leaseUntil);
    }
}
