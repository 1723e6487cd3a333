package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.draft;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.lobsterops.testkit.AccessTable.get;
import static io.lobsterops.testkit.AccessTable.row;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.testkit.AccessTable;
import io.lobsterops.testkit.AccessTable.Row;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may see and do what in billing (issue 16, ADR 0044, ADR 0052): endpoint × supervisor, engineer, the
 * engagement's client, another client, no token → status. A client reads its own billing account, invoices (JSON and
 * PDF) and usage; contracts, presale documents and billing's copy of the discovery answers are the agency's working
 * papers (403 to a client, whatever the id); money moves (signature, payments, credit notes, cycles, Stripe
 * reconciliation, the accountant's export) are a supervisor's. Stripe's webhook is open and authenticated by its
 * signature alone: an unsigned body is a 400 whoever sends it. This table is the README's permission table for billing.
 */
@QuarkusTest
class AccessTableTest {

    /** An engagement whose contract v1 (balance on acceptance) is signed, v2 drafted, one draft and one approved SOW. */
    record Fixture(String clientId, UUID engagement, String invoice, int draftVersion, String document,
            String approved) implements AccessTable.Target {

        static Fixture create() {
            String clientId = newClientId();
            UUID engagement = openEngagement(clientId);
            String invoice = signedWithDeposit(engagement, contract("balanceDueOn", "CLIENT_ACCEPTANCE"));
            int draftVersion = draft(engagement, contract()).then().statusCode(201).extract().path("version");
            String document = PresaleDocumentTest.draftDocument(engagement, "PROPOSAL");
            String approved = PresaleDocumentTest.draftDocument(engagement, "SOW");
            PresaleDocumentTest.review(Tokens.supervisor(), approved, "GO").then().statusCode(200);
            return new Fixture(clientId, engagement, invoice, draftVersion, document, approved);
        }

        @Override
        public String resolve(String template) {
            return template.replace("{id}", engagement.toString()).replace("{invoice}", invoice)
                    .replace("{draft}", String.valueOf(draftVersion)).replace("{document}", document)
                    .replace("{approved}", approved).replace("{month}", YearMonth.now(ZoneOffset.UTC).toString());
        }
    }

    static final Supplier<Fixture> SHARED = AccessTable.once(() -> {
        Fixture shared = Fixture.create();
        Events.publish(PresaleDocumentTest.answered(shared.engagement(), shared.clientId(), Instant.now(),
                PresaleDocumentTest.answer("company", "Your company?", "Access Ltd")));
        await().atMost(Billing.PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/discovery", shared.engagement()).then().statusCode(200));
        return shared;
    });

    static final String CONTRACT = """
            {"tier":"managed","currency":"EUR","buildPriceCents":400000,"maintenanceMonthlyCents":30000,
             "tokenPayer":"AGENCY","tokenMarkupBasisPoints":2000,"monthlyTokenBudgetUsdCents":10000}""";

    /** method and path (body), then supervisor, engineer, own client, other client, no token. */
    static Stream<Row> table() {
        return Stream.of(
                get("/accounts", 200, 200, 200, 200, 401),
                get("/engagements/{id}/account", 200, 200, 200, 404, 401),
                get("/engagements/{id}/invoices", 200, 200, 200, 404, 401),
                get("/engagements/{id}/usage", 200, 200, 200, 404, 401),
                get("/invoices/{invoice}", 200, 200, 200, 404, 401),
                get("/invoices/{invoice}", 200, 200, 200, 404, 401).accepting("application/pdf"),
                get("/exports/invoices/{month}", 200, 403, 403, 403, 401).accepting("text/csv"),
                get("/engagements/{id}/contract", 200, 200, 403, 403, 401),
                get("/engagements/{id}/contract/versions", 200, 200, 403, 403, 401),
                get("/engagements/{id}/contract/versions/1", 200, 200, 403, 403, 401),
                get("/engagements/{id}/documents", 200, 200, 403, 403, 401),
                get("/engagements/{id}/discovery", 200, 200, 403, 403, 401),
                get("/documents/{document}", 200, 200, 403, 403, 401),
                get("/documents/{document}", 200, 200, 403, 403, 401).accepting("application/pdf"),
                row("POST", "/engagements/{id}/contract", CONTRACT, 201, 201, 403, 403, 401),
                row("POST", "/engagements/{id}/contract/versions/{draft}/sign", null, 200, 403, 403, 403, 401),
                row("POST", "/engagements/{id}/contract/acceptance", "{\"acceptedBy\":\"Jane Client\"}",
                        201, 403, 403, 403, 401),
                row("POST", "/engagements/{id}/documents", PresaleDocumentTest.request("PROPOSAL"),
                        201, 201, 403, 403, 401),
                row("POST", "/documents/{document}/review", "{\"decision\":\"GO\",\"reason\":\"checked\"}",
                        200, 403, 403, 403, 401),
                row("POST", "/documents/{approved}/sent", null, 200, 200, 403, 403, 401),
                row("POST", "/invoices/{invoice}/payments", "{\"reference\":\"wire 42\",\"reason\":\"bank transfer\"}",
                        201, 403, 403, 403, 401),
                row("POST", "/invoices/{invoice}/credit-note", "{\"reason\":\"wrong amount\"}",
                        201, 403, 403, 403, 401),
                row("POST", "/billing-cycles/{month}/run?engagementId={id}", null, 200, 403, 403, 403, 401),
                row("POST", "/stripe/reconciliation", null, 200, 403, 403, 403, 401),
                row("POST", "/stripe/webhook", "{\"id\":\"evt_unsigned\"}", 400, 400, 400, 400, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerGetsWhatTheTableSays(Row row) {
        AccessTable.check(row, SHARED.get(), Fixture::create);
    }
}
