package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code GET /engagements/{id}} reads its row with one SQL statement, the list through Hibernate (ADR 0077): both
 * must answer the same engagement the same way, field for field, whatever is set.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class EngagementReadsTest {

    @Inject
    PgPool database;

    static Map<String, Object> one(String token, UUID id) {
        return given().auth().oauth2(token).get("/engagements/{id}", id).then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }

    static Map<String, Object> listed(String token, String clientId, UUID id) {
        JsonPath page = given().auth().oauth2(token).queryParam("clientId", clientId).get("/engagements").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(item -> id.toString().equals(item.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("engagement " + id + " not listed: " + page.prettify()));
    }

    @Test
    void aFreshEngagementReadsAsTheListShowsIt() {
        String clientId = EngagementResourceTest.newClientId();
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Fresh Reads");
        Map<String, Object> one = one(Tokens.engineer(), id);
        assertEquals(listed(Tokens.engineer(), clientId, id), one);
        assertNull(one.get("acceptance"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) one.get("deposit")).get("settled"));
        assertEquals(one, one(Tokens.client(clientId), id), "the client's own user reads the same engagement");
    }

    @Test
    void anEngagementWithEveryFieldSetReadsAsTheListShowsIt() {
        String clientId = EngagementResourceTest.newClientId();
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Full Reads");
        // every column the view shows, set as the lifecycle would leave them (a waiver and a payment, a suspension,
        // an acceptance), written directly so that one row carries them all
        database.preparedQuery("""
                update engagement set stage = 'SUSPENDED', suspended_from = 'LIVE',
                  deposit_paid_at = now() - interval '3 days', deposit_invoice = 'INV-2026-0042',
                  deposit_waived_by = 'sam', deposit_waiver_reason = 'long-standing client',
                  deposit_waived_at = now() - interval '4 days', accepted_by = 'claire',
                  accepted_at = now() - interval '1 day', acceptance_comment = 'Works for our dispatch team.'
                where id = $1""").execute(Tuple.of(id)).await().indefinitely();
        Map<String, Object> one = one(Tokens.engineer(), id);
        assertEquals(listed(Tokens.engineer(), clientId, id), one);
        assertEquals("SUSPENDED", one.get("stage"));
        assertEquals("LIVE", one.get("suspendedFrom"));
        assertTrue(((List<?>) one.get("nextStages")).contains("LIVE"), "a suspended engagement may go back: " + one);
        Map<?, ?> deposit = (Map<?, ?>) one.get("deposit");
        assertEquals(Boolean.TRUE, deposit.get("settled"));
        assertEquals("INV-2026-0042", deposit.get("invoice"));
        assertEquals("long-standing client", deposit.get("waiverReason"));
        Map<?, ?> acceptance = (Map<?, ?>) one.get("acceptance");
        assertNotNull(acceptance);
        assertEquals("Works for our dispatch team.", acceptance.get("comment"));
    }

    @Test
    void anotherClientAndAnUnknownIdAreTheSame404() {
        String clientId = EngagementResourceTest.newClientId();
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Scoped Reads");
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).get("/engagements/{id}", id).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
    }
}
