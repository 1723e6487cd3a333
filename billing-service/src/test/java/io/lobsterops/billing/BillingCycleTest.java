package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class BillingCycleTest {

    static final UUID GATEWAY = UUID.randomUUID();

    @Test
    void theBalanceIsInvoicedOnceWhenTheAgentIsStable() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentStable(engagementId, clientId, now.minusSeconds(172_800), now));
        Events.publish(new AgentStable(engagementId, clientId, now.minusSeconds(172_800), now));
        UUID marker = usage(engagementId, clientId, UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC), 1_000);
        awaitUsage(engagementId, marker, 1_000);   // everything published before it is applied
        JsonPath invoices = invoices(engagementId);
        assertEquals(List.of("DEPOSIT", "BALANCE"), invoices.getList("kind"));
        assertEquals(200_000, invoices.getInt("find { it.kind == 'BALANCE' }.totalCents"));
    }

    @Test
    void aBalanceDueOnAcceptanceIsInvoicedWhenASupervisorRecordsIt() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId, contract("balanceDueOn", "CLIENT_ACCEPTANCE"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentStable(engagementId, clientId, now.minusSeconds(172_800), now));
        UUID marker = usage(engagementId, clientId, UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC), 1_000);
        awaitUsage(engagementId, marker, 1_000);
        assertEquals(List.of("DEPOSIT"), invoices(engagementId).getList("kind"), "billed on agent.stable");

        String acceptance = "{\"acceptedBy\":\"Ada Lovelace\",\"note\":\"signed the acceptance report\"}";
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType("application/json").body(acceptance)
                .post("/engagements/{id}/contract/acceptance", engagementId).then(), 403, "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(acceptance)
                .post("/engagements/{id}/contract/acceptance", engagementId).then().statusCode(201)
                .body("kind", equalTo("BALANCE")).body("totalCents", equalTo(200_000));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(acceptance)
                .post("/engagements/{id}/contract/acceptance", engagementId).then(), 409, "conflict");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .body("timeline.summary", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.containsString("Client acceptance by Ada Lovelace recorded by sophie")));

        UUID onStable = openEngagement(newClientId());
        signedWithDeposit(onStable);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(acceptance)
                .post("/engagements/{id}/contract/acceptance", onStable).then(), 409, "balance-not-on-acceptance");
    }

    @Test
    void maintenanceIsProratedFromGoLiveAndUsageIsBilledOnceWithCorrectionsAsDeltas() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);   // 300.00 EUR a month; agency tokens +20 %
        YearMonth live = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE, live.atDay(16)));
        UUID day = UUID.randomUUID();
        usage(engagementId, clientId, day, live.atDay(20), 10_000_000);   // 10 USD
        awaitUsage(engagementId, day, 10_000_000);

        runCycle(live);
        JsonPath first = invoice(engagementId, live);
        int inService = live.lengthOfMonth() - 15;
        assertEquals("MAINTENANCE", first.getString("kind"));
        assertEquals(2, first.getList("lines").size(), first.prettify());
        assertEquals(Math.round(30_000.0 * inService / live.lengthOfMonth()), first.getLong("lines[0].amountCents"));
        assertEquals(1_104, first.getLong("lines[1].amountCents"));   // 10 USD x 1.20 x 0.92 EUR/USD
        assertEquals(day.toString(), first.getString("lines[1].usageId"));
        runCycle(live);
        assertEquals(1, periodic(engagementId), "the month was billed twice");

        // the same day re-sent unchanged, then corrected upwards: only the difference is billed, next month
        usage(engagementId, clientId, day, live.atDay(20), 10_000_000);
        usage(engagementId, clientId, day, live.atDay(20), 12_500_000);
        awaitUsage(engagementId, day, 12_500_000);
        YearMonth next = live.plusMonths(1);
        runCycle(next);
        JsonPath second = invoice(engagementId, next);
        assertEquals(2, second.getList("lines").size(), second.prettify());
        assertEquals(30_000, second.getLong("lines[0].amountCents"));
        assertEquals(276, second.getLong("lines[1].amountCents"));    // 2.50 USD x 1.20 x 0.92
        assertTrue(second.getString("lines[1].description").contains("correction"));
        runCycle(next);
        assertEquals(2, periodic(engagementId));
    }

    @Test
    void aSuspensionIsNotBilledOwnTokensAreNotRebilledAndTerminationIssuesTheFinalInvoice() throws Exception {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        Map<String, Object> ownTokens = contract("tokenPayer", "CLIENT");
        ownTokens.put("tokenMarkupBasisPoints", 0);
        signedWithDeposit(engagementId, ownTokens);
        YearMonth live = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE, live.atDay(1)));
        Events.publish(new AgentSuspended(engagementId, clientId, GATEWAY, "kill switch", "sophie",
                at(live.atDay(11))));
        Events.publish(new AgentResumed(engagementId, clientId, GATEWAY, "sophie", at(live.atDay(21))));
        UUID day = UUID.randomUUID();
        usage(engagementId, clientId, day, live.atDay(5), 5_000_000);
        awaitUsage(engagementId, day, 5_000_000);

        runCycle(live);
        JsonPath month = invoice(engagementId, live);
        assertEquals(1, month.getList("lines").size(), month.prettify());   // no usage line: the client pays it
        assertEquals(Math.round(30_000.0 * (live.lengthOfMonth() - 10) / live.lengthOfMonth()),
                month.getLong("lines[0].amountCents"));

        YearMonth last = live.plusMonths(1);
        Events.publish(stage(engagementId, clientId, Stage.MAINTENANCE, Stage.TERMINATED, last.atDay(11)));
        await().atMost(PATIENCE).until(() -> invoices(engagementId).getList("kind").contains("FINAL"));
        JsonPath fin = invoice(engagementId, last);
        assertEquals("FINAL", fin.getString("kind"));
        assertEquals(Math.round(30_000.0 * 10 / last.lengthOfMonth()), fin.getLong("lines[0].amountCents"));
        runCycle(last);
        assertEquals(2, periodic(engagementId));

        // the final invoice's payment, failed then made, is of kind FINAL
        String finalId = fin.getString("id");
        Billing.webhook(Billing.paymentIntent("payment_intent.payment_failed", "evt_" + UUID.randomUUID(),
                "pi_final_declined", finalId)).then().statusCode(200).body("outcome", equalTo("payment failed"));
        given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"reference\":\"SEPA final\",\"reason\":\"paid by bank transfer\"}")
                .post("/invoices/{id}/payments", finalId).then().statusCode(201);
        assertEquals("FINAL", paymentKind(EventTypes.PAYMENT_FAILED, engagementId, finalId));
        assertEquals("FINAL", paymentKind(EventTypes.PAYMENT_RECEIVED, engagementId, finalId));
    }

    /** The kind of the payment event {@code type} published for an invoice. */
    private static String paymentKind(String type, UUID engagementId, String invoiceId) throws Exception {
        ConsumerRecord<String, String> record = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(type, engagementId).and(r -> r.value().contains(invoiceId)), PATIENCE)
                .orElseThrow(() -> new AssertionError(type + " was not published for " + invoiceId));
        return new ObjectMapper().readTree(record.value()).get("kind").asText();
    }

    @Test
    void aCycleRunIsASupervisorsCallForAMonthThatHasBegun() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/billing-cycles/2026-01/run").then(), 403,
                "forbidden");
        assertProblem(given().post("/billing-cycles/2026-01/run").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/billing-cycles/2026-1/run").then(), 400,
                "bad-request");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/billing-cycles/{m}/run",
                YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString()).then(), 409, "month-not-begun");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", UUID.randomUUID())
                .post("/billing-cycles/2026-01/run").then(), 404, "not-found");
        int status = given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", "not-a-uuid")
                .post("/billing-cycles/2026-01/run").then().contentType("application/problem+json").extract()
                .statusCode();
        assertTrue(status >= 400 && status < 500, "a malformed engagement id answered " + status);
    }

    @Test
    void theCurrentMonthIsBilledSoFarOnceOnDemandAndTheFinalInvoiceBillsFromWhereItStopped() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);   // 300.00 EUR a month; agency tokens +20 %
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        Instant monthStart = at(month.atDay(1));
        Instant monthEnd = at(month.plusMonths(1).atDay(1));
        long monthSeconds = Duration.between(monthStart, monthEnd).toSeconds();
        Events.publish(stage(engagementId, clientId, Stage.TRAINING, Stage.LIVE, month.atDay(1)));
        UUID today = usage(engagementId, clientId, UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC), 10_000_000);
        awaitUsage(engagementId, today, 10_000_000);

        JsonPath report = runCycle(month, engagementId);
        assertEquals(1, report.getInt("engagements"));
        assertEquals(1, report.getInt("invoicesIssued"));
        Instant billedThrough = Instant.parse(report.getString("billedThrough"));
        JsonPath early = invoice(engagementId, month);
        assertEquals("MAINTENANCE", early.getString("kind"));
        assertEquals(monthStart, Instant.parse(early.getString("serviceFrom")));
        assertEquals(billedThrough, Instant.parse(early.getString("serviceTo")));
        assertEquals(Math.round(30_000.0 * Duration.between(monthStart, billedThrough).toSeconds() / monthSeconds),
                early.getLong("lines[0].amountCents"));
        assertEquals(1_104, early.getLong("lines[1].amountCents"));   // 10 USD x 1.20 x 0.92 EUR/USD

        // run again, and again after more usage: the month so far is billed once; nothing else is issued
        UUID later = usage(engagementId, clientId, UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC), 5_000_000);
        awaitUsage(engagementId, later, 5_000_000);
        assertEquals(0, runCycle(month, engagementId).getInt("invoicesIssued"));
        assertEquals(0, runCycle(month, engagementId).getInt("invoicesIssued"));
        assertEquals(1, periodic(engagementId));

        // terminated later this month: the final invoice bills from where the early one stopped, and the new usage
        Instant terminated = billedThrough.plusSeconds(Duration.between(billedThrough, monthEnd).toSeconds() / 2);
        Events.publish(new EngagementStageChanged(engagementId, clientId, Stage.MAINTENANCE, Stage.TERMINATED, "test",
                "eric", terminated));
        await().atMost(PATIENCE).until(() -> invoices(engagementId).getList("kind").contains("FINAL"));
        String finalId = invoices(engagementId).getString("find { it.kind == 'FINAL' }.id");
        JsonPath fin = given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", finalId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(month.toString(), fin.getString("period"));
        assertEquals(billedThrough, Instant.parse(fin.getString("serviceFrom")));
        assertEquals(terminated, Instant.parse(fin.getString("serviceTo")));
        assertEquals(Math.round(30_000.0 * Duration.between(billedThrough, terminated).toSeconds() / monthSeconds),
                fin.getLong("lines[0].amountCents"));
        assertEquals(later.toString(), fin.getString("lines[1].usageId"));
        assertEquals(552, fin.getLong("lines[1].amountCents"));   // 5 USD x 1.20 x 0.92
        assertEquals(2, periodic(engagementId));
    }

    private static EngagementStageChanged stage(UUID engagementId, String clientId, Stage from, Stage to,
            LocalDate day) {
        return new EngagementStageChanged(engagementId, clientId, from, to, "test", "eric", at(day));
    }

    private static Instant at(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static UUID usage(UUID engagementId, String clientId, UUID usageId, LocalDate day, long costMicroUsd) {
        Events.publish(new UsageRecorded(engagementId, clientId, usageId, GATEWAY, "main", day, "gpt-test", 1_000,
                500, 0, 0, costMicroUsd, false, false, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return usageId;
    }

    private static void awaitUsage(UUID engagementId, UUID usageId, long costMicroUsd) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/usage", engagementId).then().statusCode(200)
                .body("find { it.usageId == '" + usageId + "' }.costMicroUsd", equalTo((int) costMicroUsd)));
    }

    private static void runCycle(YearMonth month) {
        given().auth().oauth2(Tokens.supervisor()).post("/billing-cycles/{m}/run", month.toString()).then()
                .statusCode(200).body("month", equalTo(month.toString()));
    }

    /** The run of {@code month} for one engagement; answers its report. */
    private static JsonPath runCycle(YearMonth month, UUID engagementId) {
        return given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", engagementId)
                .post("/billing-cycles/{m}/run", month.toString()).then().statusCode(200)
                .body("month", equalTo(month.toString())).extract().jsonPath();
    }

    private static JsonPath invoices(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/invoices", engagementId).then()
                .statusCode(200).extract().jsonPath();
    }

    /**
     * The engagement's monthly and final invoices. (Other services' tests share the test topic: monitoring may answer
     * a go-live with agent.stable, which bills the balance too, so the tests count only what they look at.)
     */
    private static int periodic(UUID engagementId) {
        return invoices(engagementId).getList("findAll { it.period != null }").size();
    }

    private static JsonPath invoice(UUID engagementId, YearMonth period) {
        String id = invoices(engagementId).getString("find { it.period == '" + period + "' }.id");
        assertTrue(id != null, "no invoice for " + period);
        return given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", id).then().statusCode(200)
                .body("lines", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
    }
}
