package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Bad input to agent-config (issue 16, ADR 0043): wrong JSON types, duplicate keys, control characters, bad query
 * types, and a well-formed commit id that is unknown or another client's — every one a 4xx problem, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class BadInputTest {

    static final String UNKNOWN_COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static EngagementOpened mine;
    private static EngagementOpened theirs;
    private static String theirRelease;

    static synchronized void setUp() {
        if (mine == null) {
            mine = ProposalTest.engagementWithAgent(newClientId(), "Mine", AgentDefinitionTest.ANSWERS);
            theirs = ProposalTest.engagementWithAgent(newClientId(), "Theirs", AgentDefinitionTest.ANSWERS);
            theirRelease = ProposalTest.approve(theirs.engagementId(),
                    ProposalTest.propose(theirs.engagementId(), Tokens.engineer()).getString("id"))
                    .getString("releaseCommit");
        }
    }

    static String head(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/versions", engagement).then()
                .statusCode(200).extract().path("[0].id");
    }

    @Test
    void anUnknownOrAnotherClientsCommitIsANotFound() {
        setUp();
        UUID engagement = mine.engagementId();
        String mineHead = head(engagement);
        for (String commit : new String[] { UNKNOWN_COMMIT, theirRelease }) {
            assertProblem(given().auth().oauth2(Tokens.engineer())
                    .get("/engagements/{id}/agent/versions/{a}/diff/{b}", engagement, mineHead, commit).then(),
                    404, "not-found");
            assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                    .body(Map.of("commit", commit)).post("/engagements/{id}/agent/rollback", engagement).then(),
                    404, "not-found");
            assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("cycle", 1, "clientFeedback", "ok", "engineerFeedback", "ok", "configCommit", commit))
                    .post("/engagements/{id}/training-cycles", engagement).then(), 404, "not-found");
        }
    }

    @Test
    void aControlCharacterInADiscoveryAnswerIsABadRequestNamingIt() {
        setUp();
        for (String bad : new String[] { "Ac\\u0000me", "Ac\\u0007me", "Acme\u202Etxt.exe" }) {
            assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(("{\"answers\":{\"company\":\"" + bad + "\"}}").getBytes(StandardCharsets.UTF_8))
                    .put("/engagements/{id}/discovery", mine.engagementId()).then(), 400, "malformed-request")
                    .body("detail", containsString("answers.company"));
        }
    }

    @Test
    void wrongTypesAndDuplicateKeysAreBadRequests() {
        setUp();
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"answers\":{\"company\":true}}")
                .put("/engagements/{id}/discovery", mine.engagementId()).then(), 400, "malformed-request")
                .body("detail", containsString("answers.company"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"cycle\":\"1\",\"clientFeedback\":\"a\",\"engineerFeedback\":\"b\",\"configCommit\":\"abcdef0\"}")
                .post("/engagements/{id}/training-cycles", mine.engagementId()).then(), 400, "malformed-request")
                .body("detail", containsString("cycle"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body("{\"commit\":\"abcdef0\",\"commit\":\"abcdef1\"}")
                .post("/engagements/{id}/agent/rollback", mine.engagementId()).then(), 400, "malformed-request")
                .body("detail", containsString("commit"));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequest() {
        setUp();
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("limit", "abc")
                .get("/engagements/{id}/agent/versions", mine.engagementId()).then(), 400, "validation")
                .body("violations.field", hasItem("limit"));
    }
}
