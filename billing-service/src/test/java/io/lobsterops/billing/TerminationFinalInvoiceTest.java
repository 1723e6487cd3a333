package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code agent.terminated}: one FINAL invoice bills what was not billed up to the termination, and the maintenance
 * subscription ends with it (ADR 0048).
 */
@QuarkusTest
class TerminationFinalInvoiceTest {

    static final UUID GATEWAY = UUID.randomUUID();

    @Test
    void theFinalInvoiceBillsEveryUnbilledMonthAndUsageDayOnceAndEndsTheSubscription() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);   // 300.00 EUR a month; agency tokens +20 %
        YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        YearMonth last = first.plusMonths(1);
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE, at(first.atDay(16))));
        UUID day = usage(engagementId, clientId, last.atDay(3), 10_000_000);   // 10 USD, never billed
        Instant terminatedAt = at(last.atDay(21));
        AgentTerminated terminated = terminated(engagementId, clientId, terminatedAt);
        String id = UUID.randomUUID().toString();
        Events.publish(id, terminated);
        Events.publish(id, terminated);    // the outbox's duplicate
        Events.publish(terminated);        // a replay with a new id
        // provisioning's stage change follows, a moment later
        Events.publish(stage(engagementId, clientId, Stage.MAINTENANCE, Stage.TERMINATED,
                terminatedAt.plusMillis(40)));
        awaitMarker(engagementId, clientId, terminatedAt);

        List<Map<String, Object>> finals = invoices(engagementId).getList("findAll { it.kind == 'FINAL' }");
        assertEquals(1, finals.size(), finals.toString());
        JsonPath fin = invoice((String) finals.getFirst().get("id"));
        assertEquals(last.toString(), fin.getString("period"));
        assertEquals(at(first.atDay(16)), Instant.parse(fin.getString("serviceFrom")));
        assertEquals(terminatedAt, Instant.parse(fin.getString("serviceTo")));
        assertEquals(3, fin.getList("lines").size(), fin.prettify());
        assertTrue(fin.getString("lines[0].description").startsWith("Maintenance " + first), fin.prettify());
        assertEquals(Math.round(30_000.0 * (first.lengthOfMonth() - 15) / first.lengthOfMonth()),
                fin.getLong("lines[0].amountCents"));
        assertTrue(fin.getString("lines[1].description").startsWith("Maintenance " + last), fin.prettify());
        assertEquals(Math.round(30_000.0 * 20 / last.lengthOfMonth()), fin.getLong("lines[1].amountCents"));
        assertEquals(day.toString(), fin.getString("lines[2].usageId"));
        assertEquals(1_104, fin.getLong("lines[2].amountCents"));   // 10 USD x 1.20 x 0.92 EUR/USD

        // the subscription is over: no cycle run bills it again, before or after the termination
        for (YearMonth month : List.of(first, last, YearMonth.now(ZoneOffset.UTC))) {
            given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", engagementId)
                    .post("/billing-cycles/{m}/run", month.toString()).then().statusCode(200)
                    .body("invoicesIssued", equalTo(0));
        }
        assertEquals(1, invoices(engagementId).getList("findAll { it.period != null }").size());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .statusCode(200).body("status", equalTo("CLOSED"))
                .body("timeline.summary", hasItem(containsString("Agent terminated")))
                .body("timeline.summary", not(hasItem(containsString("internal reason"))));
        // the client's view of its account has no timeline (ADR 0052): its timeline is provisioning's client lines
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/account", engagementId).then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("timeline", nullValue());
    }

    @Test
    void theStageChangeFirstThenTheAgentTerminatedIssueOneFinalInvoiceWithoutTheSuspension() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        Map<String, Object> ownTokens = contract("tokenPayer", "CLIENT");
        ownTokens.put("tokenMarkupBasisPoints", 0);
        signedWithDeposit(engagementId, ownTokens);
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE, at(month.atDay(1))));
        Events.publish(new AgentSuspended(engagementId, clientId, GATEWAY, "kill switch", "sophie",
                at(month.atDay(11))));   // never resumed: nothing billed after it
        Instant stageAt = at(month.atDay(21));
        Events.publish(stage(engagementId, clientId, Stage.SUSPENDED, Stage.TERMINATED, stageAt));
        Events.publish(terminated(engagementId, clientId, stageAt.minusSeconds(5)));
        awaitMarker(engagementId, clientId, stageAt);

        List<Map<String, Object>> finals = invoices(engagementId).getList("findAll { it.kind == 'FINAL' }");
        assertEquals(1, finals.size(), finals.toString());
        JsonPath fin = invoice((String) finals.getFirst().get("id"));
        assertEquals(stageAt, Instant.parse(fin.getString("serviceTo")), "the first termination time stands");
        assertEquals(1, fin.getList("lines").size(), fin.prettify());   // own tokens: no usage line
        assertEquals(Math.round(30_000.0 * 10 / month.lengthOfMonth()), fin.getLong("lines[0].amountCents"));
        given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", engagementId)
                .post("/billing-cycles/{m}/run", month.toString()).then().statusCode(200)
                .body("invoicesIssued", equalTo(0));
    }

    @Test
    void anAgentTerminatedBeforeGoingLiveIsBilledItsUsageOnlyAndNeverAZeroInvoice() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);
        Instant terminatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID day = usage(engagementId, clientId, LocalDate.now(ZoneOffset.UTC).minusDays(1), 5_000_000);
        Events.publish(terminated(engagementId, clientId, terminatedAt));
        await().atMost(PATIENCE).until(() -> invoices(engagementId).getList("kind").contains("FINAL"));
        JsonPath fin = invoice(invoices(engagementId).getString("find { it.kind == 'FINAL' }.id"));
        assertEquals(1, fin.getList("lines").size(), fin.prettify());
        assertEquals(day.toString(), fin.getString("lines[0].usageId"));
        assertEquals(552, fin.getLong("lines[0].amountCents"));   // 5 USD x 1.20 x 0.92

        // nothing to bill at all (own tokens, never live): no invoice
        String quiet = newClientId();
        UUID nothing = openEngagement(quiet);
        Map<String, Object> ownTokens = contract("tokenPayer", "CLIENT");
        ownTokens.put("tokenMarkupBasisPoints", 0);
        signedWithDeposit(nothing, ownTokens);
        Events.publish(terminated(nothing, quiet, terminatedAt));
        awaitMarker(nothing, quiet, terminatedAt);
        assertEquals(List.of("DEPOSIT"), invoices(nothing).getList("kind"));
    }

    @Test
    void anUnreadableTerminationIsDeadLetteredAndBillsNothing() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE,
                Instant.now().minus(3, ChronoUnit.DAYS)));
        String poison = UUID.randomUUID().toString();
        KafkaTestClient.publish(poison, EventTypes.AGENT_TERMINATED, engagementId,
                "{\"engagementId\":\"" + engagementId + "\",\"terminatedAt\":\"last tuesday\"}");
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(poison).and(r -> String.valueOf(
                        KafkaTestClient.header(r, CloudEventHeaders.DLQ_REASON)).startsWith("billing-service")),
                PATIENCE).orElseThrow(() -> new AssertionError("the unreadable event is not dead-lettered"));
        assertTrue(KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON).contains("unreadable payload"));
        assertEquals(List.of("DEPOSIT"), invoices(engagementId).getList("kind"));

        // an engagement billing never opened: logged, nothing billed, nothing dead-lettered
        UUID unknown = UUID.randomUUID();
        String orphan = Events.publish(terminated(unknown, clientId, Instant.now()));
        Events.publish(terminated(engagementId, clientId, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(PATIENCE).until(() -> invoices(engagementId).getList("kind").contains("FINAL"));
        assertTrue(KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(orphan),
                java.time.Duration.ofSeconds(15)).isEmpty(), "a termination of an unknown engagement dead-lettered");
    }

    private static AgentTerminated terminated(UUID engagementId, String clientId, Instant at) {
        return new AgentTerminated(engagementId, clientId, UUID.randomUUID(), GATEWAY, "internal reason: churned",
                "9f2c".repeat(16), "sophie", at);
    }

    private static EngagementStageChanged stage(UUID engagementId, String clientId, Stage from, Stage to,
            Instant at) {
        return new EngagementStageChanged(engagementId, clientId, from, to, "test", "eric", at);
    }

    private static Instant at(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static UUID usage(UUID engagementId, String clientId, LocalDate day, long costMicroUsd) {
        UUID usageId = UUID.randomUUID();
        Events.publish(new UsageRecorded(engagementId, clientId, usageId, GATEWAY, "main", day, "gpt-test", 1_000,
                500, 0, 0, costMicroUsd, false, false, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return usageId;
    }

    /**
     * A zero-cost usage day of the termination's day published after the events under test, awaited: the
     * engagement's events are consumed in order (it bills nothing: a replay of its figures is not a cost).
     */
    private static void awaitMarker(UUID engagementId, String clientId, Instant day) {
        UUID usageId = UUID.randomUUID();
        Events.publish(new UsageRecorded(engagementId, clientId, usageId, GATEWAY, "main",
                day.atZone(ZoneOffset.UTC).toLocalDate(), "gpt-test", 0, 0, 0, 0, 0, false, false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/usage", engagementId).then().statusCode(200)
                .body("usageId", hasItem(usageId.toString())));
    }

    private static JsonPath invoices(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/invoices", engagementId).then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath invoice(String id) {
        return given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", id).then().statusCode(200)
                .extract().jsonPath();
    }
}
