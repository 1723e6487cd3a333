package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.notification.support.Metrics;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IsolationTest {

    static final String REFUSED = "lobsterops_notification_isolation_refused_total";

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    static InvoiceIssued invoice(UUID engagementId, String clientId) {
        return new InvoiceIssued(engagementId, clientId, UUID.randomUUID(), "2026-" + clientId, InvoiceKind.values()[0],
                99_00, "EUR", LocalDate.now().plusDays(30), "https://pay.example/" + clientId, Fixtures.now());
    }

    @Test
    void aPlantedEventOfOneClientCarryingAnotherClientsEngagementReachesNoDestination() {
        String a = Fixtures.newClientId();
        String b = Fixtures.newClientId();
        String chatOfA = Fixtures.newChatId();
        String chatOfB = Fixtures.newChatId();
        Fixtures.clientTelegram(a, chatOfA);
        Fixtures.clientTelegram(b, chatOfB);
        EngagementOpened ofB = Fixtures.opened(b);
        double refusedBefore = Metrics.counter(REFUSED);

        // client A's event names B's engagement
        Events.publish(new AgentStable(ofB.engagementId(), a, Fixtures.now(), Fixtures.now()));
        // B's own next event, on the same partition: once it is delivered, the planted one was processed
        Events.publish(invoice(ofB.engagementId(), b));
        await().atMost(PATIENCE).until(() -> !telegram().sentTo(chatOfB).isEmpty());

        assertEquals(1, telegram().sentTo(chatOfB).size());
        assertTrue(telegram().sentTo(chatOfB).getFirst().text().startsWith("*Invoice 2026"),
                telegram().sentTo(chatOfB).getFirst().text());
        assertTrue(telegram().callsTo(chatOfA).isEmpty());
        assertTrue(Metrics.counter(REFUSED) >= refusedBefore + 1);
        given().auth().oauth2(Tokens.client(a)).get("/inbox").then().body("total", equalTo(0));
    }

    @Test
    void aRuleMisaddressedOnPurposeSendsNothingToTheOtherClient() throws Exception {
        String a = Fixtures.newClientId();
        String b = Fixtures.newClientId();
        String chatOfA = Fixtures.newChatId();
        String chatOfB = Fixtures.newChatId();
        Fixtures.clientTelegram(a, chatOfA);
        String destinationOfB = Fixtures.clientTelegram(b, chatOfB);
        // planted behind the API's back: a rule for A's messages naming B's chat
        UUID rule = UUID.randomUUID();
        try (Connection connection = db.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into route (id, name, audience, client_id, channel, destination_id)
                values (?, 'misaddressed on purpose', 'CLIENT', ?, 'TELEGRAM', ?)""")) {
            insert.setObject(1, rule);
            insert.setString(2, a);
            insert.setObject(3, UUID.fromString(destinationOfB));
            insert.executeUpdate();
        }
        double refusedBefore = Metrics.counter(REFUSED);
        try {
            Events.publish(invoice(UUID.randomUUID(), a));
            await().atMost(PATIENCE).until(() -> !telegram().sentTo(chatOfA).isEmpty());
            assertEquals(1, telegram().sentTo(chatOfA).size());
            assertTrue(telegram().callsTo(chatOfB).isEmpty());
            assertTrue(Metrics.counter(REFUSED) >= refusedBefore + 1);
        } finally {
            try (Connection connection = db.getConnection();
                    PreparedStatement delete = connection.prepareStatement("delete from route where id = ?")) {
                delete.setObject(1, rule);
                delete.executeUpdate();
            }
        }
    }

    /** Destinations and deliveries are the agency's internals (ADR 0052): a client token sees neither, not even its own. */
    @Test
    void aClientTokenSeesNeitherDestinationsNorDeliveriesEvenItsOwn() {
        String a = Fixtures.newClientId();
        String b = Fixtures.newClientId();
        String destinationOfA = Fixtures.clientTelegram(a, Fixtures.newChatId());
        String destinationOfB = Fixtures.clientTelegram(b, Fixtures.newChatId());
        Events.publish(invoice(UUID.randomUUID(), a));
        Events.publish(invoice(UUID.randomUUID(), b));
        List<String> deliveries = new ArrayList<>();
        for (String destination : List.of(destinationOfA, destinationOfB)) {
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.supervisor())
                    .queryParam("destinationId", destination).get("/deliveries").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].status", equalTo("SENT")));
            deliveries.add(given().auth().oauth2(Tokens.supervisor()).queryParam("destinationId", destination)
                    .get("/deliveries").then().extract().path("items[0].id"));
        }

        for (String destination : List.of(destinationOfA, destinationOfB)) {
            assertProblem(given().auth().oauth2(Tokens.client(a)).get("/destinations/{id}", destination).then(), 404,
                    "not-found");
        }
        for (String delivery : deliveries) {
            assertProblem(given().auth().oauth2(Tokens.client(a)).get("/deliveries/{id}", delivery).then(), 404,
                    "not-found");
        }
        assertProblem(given().auth().oauth2(Tokens.client(a)).get("/destinations").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(a)).get("/deliveries").then(), 403, "forbidden");
        given().auth().oauth2(Tokens.engineer()).get("/destinations/{id}", destinationOfA).then().statusCode(200)
                .body("clientId", equalTo(a));
        assertProblem(given().auth().oauth2(Tokens.client(a)).contentType("application/json")
                .body(Map.of("name", "mine", "channel", "TELEGRAM", "clientId", a, "address", "-1")).post("/destinations")
                .then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/destinations/{id}", destinationOfA)
                .then(), 403, "forbidden");
        given().auth().oauth2(Tokens.client(a)).get("/inbox").then().body("items.clientId", everyItem(equalTo(a)))
                .body("items.audience", everyItem(equalTo("CLIENT")));
        given().auth().oauth2(Tokens.client(a)).get("/inbox").then()
                .body(not(containsString(b)));
    }
}
