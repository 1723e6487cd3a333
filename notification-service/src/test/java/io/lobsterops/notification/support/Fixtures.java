package io.lobsterops.notification.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Shared set-up for the notification tests: the staff on-duty list, clients with destinations, events. */
public final class Fixtures {

    public static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The staff on-duty list every test shares: first and second person on duty. */
    public static final String FIRST_ON_DUTY = "-100111";
    public static final String SECOND_ON_DUTY = "-100222";

    private static volatile boolean onDuty;

    private Fixtures() {
    }

    /** A client id without characters Telegram's MarkdownV2 escapes, so that texts can be searched for it. */
    public static String newClientId() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A Telegram chat id of its own for a test. */
    public static String newChatId() {
        return "-" + (2_000_000 + (long) (Math.random() * 1_000_000_000L));
    }

    /**
     * The on-duty list: two staff Telegram chats, ranks 1 and 2. Staff destinations left by earlier runs are removed
     * first, so that the list is exactly these two.
     */
    public static synchronized void staffOnDuty() {
        if (onDuty) {
            return;
        }
        nobodyOnDuty();
        destination(Map.of("name", "Sophie on duty", "channel", "TELEGRAM", "person", "sophie", "address",
                FIRST_ON_DUTY, "onDutyRank", 1));
        destination(Map.of("name", "Samuel next", "channel", "TELEGRAM", "person", "samuel", "address",
                SECOND_ON_DUTY, "onDutyRank", 2));
        onDuty = true;
    }

    /**
     * Removes every staff destination: nobody is on duty until {@link #staffOnDuty} (or a test) puts someone on the
     * list again.
     */
    public static synchronized void nobodyOnDuty() {
        List<String> staff;
        do {
            staff = given().auth().oauth2(Tokens.supervisor()).queryParam("staff", true).queryParam("size", 100)
                    .get("/destinations").then().statusCode(200).extract().path("items.id");
            for (String id : staff) {
                given().auth().oauth2(Tokens.supervisor()).delete("/destinations/{id}", id).then().statusCode(204);
            }
        } while (!staff.isEmpty());
        onDuty = false;
    }

    /** Creates a destination as a supervisor; answers its id. */
    public static String destination(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(body)
                .post("/destinations").then().statusCode(201).extract().path("id");
    }

    public static String clientTelegram(String clientId, String chatId) {
        return destination(Map.of("name", "LobsterOps x " + clientId, "channel", "TELEGRAM", "clientId", clientId,
                "address", chatId));
    }

    /** Opens an engagement for a client (its owner, from then on) and waits until it is in the inbox. */
    public static EngagementOpened opened(String clientId) {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), clientId, "Client " + clientId);
        Events.publish(opened);
        await().atMost(PATIENCE).untilAsserted(() -> inbox(Map.of("engagementId", opened.engagementId()))
                .body("total", equalTo(1)));
        return opened;
    }

    public static ValidatableResponse inbox(Map<String, Object> query) {
        return given().auth().oauth2(Tokens.supervisor()).queryParams(new HashMap<>(query)).get("/inbox").then()
                .statusCode(200);
    }

    public static ValidatableResponse deliveriesOf(String messageId) {
        return given().auth().oauth2(Tokens.supervisor()).queryParam("messageId", messageId).queryParam("size", 100)
                .get("/deliveries").then().statusCode(200);
    }

    public static EscalationRaised escalation(UUID engagementId, String clientId, Priority priority, String summary) {
        return new EscalationRaised(engagementId, clientId, UUID.randomUUID(), "gateway-down", priority, summary,
                new Handoff("The gateway stopped answering its probe.", "Restarted once.",
                        List.of("Restart again", "Move to another host"), "Move to another host", "now"),
                now());
    }

    /** An event payload as a JSON object, as it travels. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object event) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(Events.json(event), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
