package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.agentconfig.TestEngagements.openedAndAwaited;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * provisioning's client.renamed reaches the leak lint (ADR 0059): another client's corrected name is refused from then
 * on, its mistaken name no longer; a duplicate delivery and an unknown client change nothing; an archived client's
 * name still counts.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClientRenamedTest {

    static void tasks(UUID engagement, String task) {
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(Map.of("tasks", List.of(task)))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse preview(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/preview", engagement).then()
                .statusCode(200);
    }

    @Test
    void theLintChecksTheCorrectedNameOfAnotherClientAndNoLongerTheMistakenOne() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String mistaken = "Inytrode " + suffix;
        String corrected = "Initrode " + suffix;
        String rival = newClientId();
        UUID rivalEngagement = openedAndAwaited(rival, mistaken).engagementId();
        UUID engagement = AgentDefinitionTest.engagementWithAgent(newClientId()).engagementId();

        tasks(engagement, "Watch what " + corrected + " publishes");
        preview(engagement).body("lint.findings.rule", not(hasItem("other-client")));

        ClientRenamed renamed = new ClientRenamed(rival, mistaken, corrected, "typo at opening", "sophie",
                java.time.Instant.now());
        String id = Events.publish(renamed);
        Events.publish(id, renamed);   // delivered twice: one effect
        await().atMost(PATIENCE).untilAsserted(() -> preview(engagement)
                .body("lint.findings.rule", hasItem("other-client")));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", rivalEngagement).then()
                .statusCode(200).body("clientName", equalTo(corrected))
                .body("commits[0].message", org.hamcrest.Matchers.startsWith("Rename the client to " + corrected))
                .body("commits[0].authorName", equalTo("sophie"))
                .body("commits.findAll { it.message.startsWith('Rename') }.size()", equalTo(1));

        tasks(engagement, "Watch what " + mistaken + " publishes");
        preview(engagement).body("lint.findings.rule", not(hasItem("other-client")));

        Events.publish(new ClientArchived(rival, corrected, "no longer a client", "sophie", java.time.Instant.now()));
        tasks(engagement, "Watch what " + corrected + " publishes");
        preview(engagement).body("lint.findings.rule", hasItem("other-client"));
    }

    @Test
    void aRenameOfAnUnknownClientIsIgnored() {
        String id = Events.publish(Events.renamed(newClientId(), "Nobody", "Still Nobody"));
        assertTrue(KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(id), Duration.ofSeconds(5))
                .isEmpty(), "a rename of an unknown client was dead-lettered");
    }
}
