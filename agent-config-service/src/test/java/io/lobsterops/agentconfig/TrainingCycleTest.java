package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class TrainingCycleTest {

    static Map<String, Object> cycle(int number, String commit) {
        return Map.of("cycle", number, "clientFeedback", "Briefings arrive too late",
                "engineerFeedback", "Moved the briefing to 07:00", "configCommit", commit);
    }

    @Test
    void trainingCyclesAreRecordedInOrderAndLinkedToAConfigVersion() {
        String clientId = newClientId();
        UUID engagement = ProposalTest.engagementWithAgent(clientId, "Client " + clientId,
                AgentDefinitionTest.ANSWERS).engagementId();
        String release = ProposalTest.approve(engagement,
                ProposalTest.propose(engagement, Tokens.engineer()).getString("id")).getString("releaseCommit");

        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(cycle(2, release))
                .post("/engagements/{id}/training-cycles", engagement).then(), 409, "conflict");
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(cycle(1, release))
                .post("/engagements/{id}/training-cycles", engagement).then().statusCode(201)
                .body("cycle", equalTo(1)).body("configCommit", equalTo(release)).body("recordedBy", equalTo("eric"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(cycle(1, release))
                .post("/engagements/{id}/training-cycles", engagement).then(), 409, "conflict");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(cycle(2, "0123456789abcdef")).post("/engagements/{id}/training-cycles", engagement).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(cycle(4, release))
                .post("/engagements/{id}/training-cycles", engagement).then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON)
                .body(cycle(2, release)).post("/engagements/{id}/training-cycles", engagement).then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/training-cycles", engagement).then()
                .statusCode(200).body("", hasSize(1)).body("[0].clientFeedback", equalTo("Briefings arrive too late"));
        assertProblem(given().auth().oauth2(Tokens.client("someone-else"))
                .get("/engagements/{id}/training-cycles", engagement).then(), 404, "not-found");
    }
}
