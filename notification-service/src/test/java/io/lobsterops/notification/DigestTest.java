package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.notification.support.Fixtures.SECOND_ON_DUTY;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DigestTest {

    @Test
    void theMorningDigestTellsEveryoneOnDutyTheReviewsWaitingAndTheAgentsNotUp() {
        Fixtures.staffOnDuty();
        String clientId = Fixtures.newClientId();
        UUID engagementId = UUID.randomUUID();
        Events.publish(new ConfigProposed(engagementId, clientId, UUID.randomUUID(), "acme.git", "proposal/1",
                "0123456789abcdef", "eric", Fixtures.now()));
        Events.publish(new GatewayHealthChanged(engagementId, clientId, UUID.randomUUID(), GatewayHealth.UP,
                GatewayHealth.HOST_UNREACHABLE, "no route to host", Fixtures.now()));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("total", equalTo(2)));

        String body = given().auth().oauth2(Tokens.supervisor()).post("/digest/run").then().statusCode(200)
                .body("reviewsWaiting", greaterThanOrEqualTo(1)).body("agentsNotUp", greaterThanOrEqualTo(1))
                .body("nightMessages", greaterThanOrEqualTo(1)).body("deliveries", greaterThanOrEqualTo(2))
                .body("body", containsString("Review waiting: configuration of " + clientId))
                .body("body", containsString(clientId + ": gateway"))
                .extract().path("title");
        await().atMost(PATIENCE).until(() -> LoopbackChannels.telegram().sentTo(FIRST_ON_DUTY).stream()
                .anyMatch(call -> call.text().startsWith("*Morning digest") && call.text().contains(clientId))
                && LoopbackChannels.telegram().sentTo(SECOND_ON_DUTY).stream()
                        .anyMatch(call -> call.text().startsWith("*Morning digest") && call.text().contains(clientId)));
        assertTrue(body.startsWith("Morning digest "));

        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/digest/run").then(), 403, "forbidden");
        assertProblem(given().post("/digest/run").then(), 401, "unauthorized");
    }
}
