package io.lobsterops.agentconfig;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.Stage;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;

/** Engagements opened the way provisioning-service opens them, awaited until this service has their repository. */
final class TestEngagements {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    private TestEngagements() {
    }

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EngagementOpened opened(String clientId, String clientName, String openedBy) {
        return new EngagementOpened(UUID.randomUUID(), clientId, clientName, "Ada Lovelace",
                "ada@" + clientId + ".test", "logistics", "eu-west", Stage.LEAD, openedBy,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static EngagementOpened openedAndAwaited(String clientId, String clientName) {
        EngagementOpened opened = opened(clientId, clientName, "eric");
        Events.publish(opened);
        awaitRepository(opened.engagementId());
        return opened;
    }

    static void awaitRepository(UUID engagementId) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagementId).then().statusCode(200));
    }
}
