package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.PaymentKind;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class DepositGatingTest {

    static UUID signed(String clientId) {
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Deposit " + clientId);
        for (String stage : List.of("DISCOVERY", "PROPOSAL", "SIGNED")) {
            EngagementResourceTest.move(id, stage);
        }
        return id;
    }

    static PaymentReceived payment(UUID engagement, String clientId, PaymentKind kind) {
        return new PaymentReceived(engagement, clientId, UUID.randomUUID(), "LO-2026-0042", kind, 250_000, "EUR",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static void moveToProvisioning(UUID id, int status) {
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(Map.of("stage", "PROVISIONING"))
                .post("/engagements/{id}/stage", id).then().statusCode(status);
    }

    @Test
    void aSignedEngagementWithoutDepositStaysOutOfProvisioning() {
        UUID id = signed("dep-" + UUID.randomUUID().toString().substring(0, 8));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "PROVISIONING")).post("/engagements/{id}/stage", id).then(), 409,
                "deposit-unpaid").body("detail", containsString("deposit-waiver"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo("SIGNED"))
                .body("deposit.settled", equalTo(false));
    }

    @Test
    void aDepositPaymentFromBillingOpensTheGateAndADuplicateChangesNothing() {
        String clientId = "dep-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = signed(clientId);
        Events.publish(payment(id, clientId, PaymentKind.BALANCE));
        String eventId = Events.publish(payment(id, clientId, PaymentKind.DEPOSIT));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> given().auth()
                .oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().extract().path("deposit.settled"));
        String paidAt = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then()
                .body("deposit.invoice", equalTo("LO-2026-0042")).extract().path("deposit.paidAt");
        Events.publish(eventId, payment(id, clientId, PaymentKind.DEPOSIT));
        moveToProvisioning(id, 200);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then()
                .body("deposit.paidAt", equalTo(paidAt)).body("stage", equalTo("PROVISIONING"));
    }

    @Test
    void anotherKindOfPaymentDoesNotOpenTheGate() {
        String clientId = "dep-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = signed(clientId);
        String marker = Events.publish(payment(id, clientId, PaymentKind.MAINTENANCE));
        // a deposit of another engagement published after it proves the consumer went past the maintenance payment
        String other = "dep-" + UUID.randomUUID().toString().substring(0, 8);
        UUID otherId = signed(other);
        Events.publish(payment(otherId, other, PaymentKind.DEPOSIT));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}", otherId).then().extract().path("deposit.settled"));
        moveToProvisioning(id, 409);
        org.junit.jupiter.api.Assertions.assertNotNull(marker);
    }

    @Test
    void onlyASupervisorWaivesTheDepositWithAReasonAndItIsRecorded() {
        UUID id = signed("dep-" + UUID.randomUUID().toString().substring(0, 8));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("reason", "the client is an old friend")).post("/engagements/{id}/deposit-waiver", id)
                .then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", " ")).post("/engagements/{id}/deposit-waiver", id).then(), 400, "validation");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "pilot agreed in writing: deposit with the first invoice"))
                .post("/engagements/{id}/deposit-waiver", id).then().statusCode(200)
                .body("deposit.settled", equalTo(true)).body("deposit.waivedBy", equalTo("sophie"))
                .body("deposit.waiverReason", equalTo("pilot agreed in writing: deposit with the first invoice"))
                .body("deposit.waivedAt", notNullValue());
        moveToProvisioning(id, 200);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "for a ghost engagement")).post("/engagements/{id}/deposit-waiver",
                        UUID.randomUUID()).then(), 404, "not-found");
    }
}
