package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The agency's confidential terms as run-time data (issue 16, ADR 0045): a supervisor sets a new version with a
 * reason, the lint enforces it at once, and a supervisor can allow one finding for one agent with a reason.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class LintTermsTest {

    static JsonPath terms() {
        return given().auth().oauth2(Tokens.supervisor()).get("/lint/terms").then().statusCode(200).extract()
                .jsonPath();
    }

    static List<Map<String, Object>> findings(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/preview", engagement).then()
                .statusCode(200).extract().jsonPath().getList("lint.findings");
    }

    static Map<String, Object> allowance(Map<String, Object> finding) {
        return Map.of("file", finding.get("file"), "rule", "supplier-internal", "excerpt", finding.get("excerpt"),
                "reason", "the client named its own project so");
    }

    @Test
    void aSupervisorSetsTheTermsAndTheLintEnforcesThemAtOnce() {
        String secretProject = "Krakenwerk" + UUID.randomUUID().toString().substring(0, 6);
        EngagementOpened opened = ProposalTest.engagementWithAgent(newClientId(), "Terms client",
                AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("tone", "Friendly, in the spirit of " + secretProject))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);
        assertTrue(findings(engagement).stream().noneMatch(f -> "supplier-internal".equals(f.get("rule"))),
                "not a term yet");

        JsonPath current = terms();
        int version = current.getInt("version");
        List<String> next = new ArrayList<>(current.getList("terms", String.class));
        next.add(secretProject);
        Map<String, Object> body = Map.of("terms", next, "suppliers", current.getList("suppliers", String.class),
                "reason", "new internal project", "expectedVersion", version);

        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .put("/lint/terms").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client("anyone")).get("/lint/terms").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("terms", next, "suppliers", List.of(), "reason", "stale", "expectedVersion", version + 7))
                .put("/lint/terms").then(), 409, "conflict");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("terms", List.of("two\nlines"), "suppliers", List.of(), "reason", "x",
                        "expectedVersion", version))
                .put("/lint/terms").then(), 400, "validation");

        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(body).put("/lint/terms").then()
                .statusCode(200).body("version", equalTo(version + 1)).body("changedBy", equalTo("sophie"))
                .body("terms", hasItem(secretProject));
        given().auth().oauth2(Tokens.engineer()).get("/lint/terms/history").then().statusCode(200)
                .body("[0].version", equalTo(version + 1)).body("[0].reason", equalTo("new internal project"));

        List<Map<String, Object>> found = findings(engagement).stream()
                .filter(f -> "supplier-internal".equals(f.get("rule"))).toList();
        assertTrue(!found.isEmpty(), "the new term is not enforced");

        // the tone is in more than one file: each finding is allowed on its own, with the reason
        Map<String, Object> first = allowance(found.getFirst());
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(first)
                .post("/engagements/{id}/agent/lint-allowances", engagement).then(), 403, "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(first)
                .post("/engagements/{id}/agent/lint-allowances", engagement).then().statusCode(201)
                .body("allowedBy", equalTo("sophie"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(first)
                .post("/engagements/{id}/agent/lint-allowances", engagement).then(), 409, "conflict");
        assertEquals(found.size() - 1, findings(engagement).stream()
                .filter(f -> "supplier-internal".equals(f.get("rule"))).count(), "exactly the allowed finding is gone");
        for (Map<String, Object> other : found.subList(1, found.size())) {
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(allowance(other))
                    .post("/engagements/{id}/agent/lint-allowances", engagement).then().statusCode(201);
        }
        assertTrue(findings(engagement).stream().noneMatch(f -> "supplier-internal".equals(f.get("rule"))),
                "every allowed finding is gone for this agent");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/lint-allowances", engagement).then()
                .statusCode(200).body("reason", hasItem("the client named its own project so"));

        EngagementOpened other = ProposalTest.engagementWithAgent(newClientId(), "Other terms client",
                AgentDefinitionTest.ANSWERS);
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("tone", "Friendly, in the spirit of " + secretProject))
                .patch("/engagements/{id}/agent", other.engagementId()).then().statusCode(200);
        assertEquals(found.size(), findings(other.engagementId()).stream()
                .filter(f -> "supplier-internal".equals(f.get("rule"))).count(),
                "the allowances are for one agent only");
    }
}
