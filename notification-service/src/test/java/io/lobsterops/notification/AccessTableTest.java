package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.AccessTable.get;
import static io.lobsterops.testkit.AccessTable.row;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.testkit.AccessTable;
import io.lobsterops.testkit.AccessTable.Row;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Who may see and do what in notification (issue 16, ADR 0044, ADR 0052): endpoint × supervisor, engineer, the
 * engagement's client, another client, no token → status. A client reads the inbox messages addressed to it; the
 * agency's staff messages (escalation handoffs), its destinations (chat ids, addresses, webhooks) and deliveries
 * (receipts, errors) answer a client 404 one by one and 403 as lists; routes, silences, maintenance windows and the
 * digest are staff's. Telegram's webhook is open and authenticated by its secret header alone. This table is the
 * README's permission table for notification.
 */
@QuarkusTest
class AccessTableTest {

    /**
     * An engagement with a client destination and a delivered client message (an invoice), the staff message of its
     * opening, a route to the destination, a silence and a maintenance window planned for next week.
     */
    record Fixture(String clientId, UUID engagement, String clientMessage, String staffMessage, String destination,
            String delivery, String route, String silence, String window) implements AccessTable.Target {

        static Fixture create() {
            Fixtures.staffOnDuty();
            String clientId = Fixtures.newClientId();
            String destination = Fixtures.clientTelegram(clientId, Fixtures.newChatId());
            EngagementOpened opened = Fixtures.opened(clientId);
            String staffMessage = Fixtures.inbox(Map.of("engagementId", opened.engagementId())).extract()
                    .path("items[0].id");
            Events.publish(IsolationTest.invoice(opened.engagementId(), clientId));
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.supervisor())
                    .queryParam("destinationId", destination).get("/deliveries").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].status", equalTo("SENT")));
            String delivery = given().auth().oauth2(Tokens.supervisor()).queryParam("destinationId", destination)
                    .get("/deliveries").then().extract().path("items[0].id");
            String clientMessage = given().auth().oauth2(Tokens.client(clientId)).get("/inbox").then()
                    .statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");
            String route = created("/routes", ROUTE.replace("{client}", clientId).replace("{destination}", destination));
            String silence = created("/silences", SILENCE.replace("{client}", clientId));
            String window = created("/engagements/" + opened.engagementId() + "/maintenance-windows", WINDOW);
            return new Fixture(clientId, opened.engagementId(), clientMessage, staffMessage, destination, delivery,
                    route, silence, window);
        }

        private static String created(String path, String body) {
            return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(body).post(path)
                    .then().statusCode(201).extract().path("id");
        }

        @Override
        public String resolve(String template) {
            return template.replace("{id}", engagement.toString()).replace("{client}", clientId)
                    .replace("{clientMessage}", clientMessage).replace("{staffMessage}", staffMessage)
                    .replace("{destination}", destination).replace("{delivery}", delivery)
                    .replace("{route}", route).replace("{silence}", silence).replace("{window}", window);
        }
    }

    static final String NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    static final String WEEK_AFTER = Instant.now().plus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            .toString();
    static final String ROUTE = """
            {"name":"access table","audience":"CLIENT","clientId":"{client}","channel":"TELEGRAM",
             "destinationId":"{destination}"}""";
    static final String SILENCE = """
            {"clientId":"{client}","reason":"planned upgrade","startsAt":"%s","endsAt":"%s"}"""
            .formatted(NEXT_WEEK, WEEK_AFTER);
    static final String WINDOW = """
            {"startsAt":"%s","endsAt":"%s","reason":"move to another host"}""".formatted(NEXT_WEEK, WEEK_AFTER);
    static final String ROUTE_TEST = """
            {"type":"lobsterops.agent.stable","event":{"engagementId":"{id}","clientId":"{client}",
             "liveSince":"%s","stableAt":"%s"}}""".formatted(NEXT_WEEK, WEEK_AFTER);
    static final String DESTINATION = """
            {"name":"access table","channel":"TELEGRAM","clientId":"{client}","address":"-1009"}""";

    static final Supplier<Fixture> SHARED = AccessTable.once(Fixture::create);

    /** method and path (body), then supervisor, engineer, own client, other client, no token. */
    static Stream<Row> table() {
        return Stream.of(
                get("/inbox", 200, 200, 200, 200, 401),
                get("/inbox/{clientMessage}", 200, 200, 200, 404, 401),
                get("/inbox/{staffMessage}", 200, 200, 404, 404, 401),
                get("/deliveries", 200, 200, 403, 403, 401),
                get("/deliveries/{delivery}", 200, 200, 404, 404, 401),
                get("/destinations", 200, 200, 403, 403, 401),
                get("/destinations/{destination}", 200, 200, 404, 404, 401),
                get("/routes", 200, 403, 403, 403, 401),
                get("/routes/{route}", 200, 403, 403, 403, 401),
                get("/silences", 200, 200, 403, 403, 401),
                get("/silences/{silence}", 200, 200, 403, 403, 401),
                get("/engagements/{id}/maintenance-windows", 200, 200, 403, 403, 401),
                get("/engagements/{id}/maintenance-windows/{window}", 200, 200, 403, 403, 401),
                row("POST", "/inbox/{staffMessage}/acknowledge", null, 200, 200, 403, 403, 401),
                // a delivery that was SENT is not retried: the 409 shows staff got past the roles
                row("POST", "/deliveries/{delivery}/retry", null, 409, 409, 403, 403, 401),
                row("POST", "/destinations", DESTINATION, 201, 403, 403, 403, 401),
                row("PUT", "/destinations/{destination}", DESTINATION, 200, 403, 403, 403, 401),
                row("DELETE", "/destinations/{destination}", null, 204, 403, 403, 403, 401),
                row("POST", "/routes", ROUTE, 201, 403, 403, 403, 401),
                row("PUT", "/routes/{route}", ROUTE, 200, 403, 403, 403, 401),
                row("DELETE", "/routes/{route}", null, 204, 403, 403, 403, 401),
                row("POST", "/routes/test",
                        ROUTE_TEST,
                        200, 403, 403, 403, 401),
                row("POST", "/silences", SILENCE, 201, 201, 403, 403, 401),
                row("DELETE", "/silences/{silence}", null, 200, 200, 403, 403, 401),
                row("POST", "/engagements/{id}/maintenance-windows", WINDOW, 201, 403, 403, 403, 401),
                row("DELETE", "/engagements/{id}/maintenance-windows/{window}", null, 200, 403, 403, 403, 401),
                row("POST", "/digest/run", null, 200, 403, 403, 403, 401),
                row("POST", "/telegram/webhook", "{\"update_id\":1}", 401, 401, 401, 401, 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerGetsWhatTheTableSays(Row row) {
        AccessTable.check(row, SHARED.get(), Fixture::create);
    }
}
