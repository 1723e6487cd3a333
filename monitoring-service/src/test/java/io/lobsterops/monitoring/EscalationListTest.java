package io.lobsterops.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.Priority;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.testkit.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;

/** The escalation list's order (open first, then P0 first, newest first) and its total, page by page. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class EscalationListTest {

    @Inject
    EscalationRepository escalations;

    @Test
    void openEscalationsComeFirstThenByPriorityNewestFirst() throws Throwable {
        UUID engagement = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.HOURS);
        Escalation resolvedP0 = raise(engagement, "resolved-p0", Priority.P0, t0.plusSeconds(40));
        resolvedP0.resolve("gateway back", "eric", t0.plusSeconds(50));
        Escalation olderP1 = raise(engagement, "older-p1", Priority.P1, t0);
        Escalation newerP1 = raise(engagement, "newer-p1", Priority.P1, t0.plusSeconds(10));
        Escalation openP2 = raise(engagement, "open-p2", Priority.P2, t0.plusSeconds(30));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> escalations.persist(resolvedP0, olderP1, newerP1, openP2)));

        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", engagement).get("/escalations").then()
                .statusCode(200).body("total", equalTo(4))
                .body("items.rule", contains("newer-p1", "older-p1", "open-p2", "resolved-p0"));
        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", engagement).queryParam("page", 1)
                .queryParam("size", 3).get("/escalations").then()
                .statusCode(200).body("total", equalTo(4)).body("items.rule", contains("resolved-p0"));
        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", engagement).queryParam("state", "RESOLVED")
                .get("/escalations").then()
                .statusCode(200).body("total", equalTo(1)).body("items.rule", contains("resolved-p0"));
    }

    private static Escalation raise(UUID engagement, String rule, Priority priority, Instant at) {
        return Escalation.raise(new Finding(engagement, "escalation-list", rule, priority, rule,
                MonthlyReportTest.handoff(priority)), at);
    }
}
