package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.ReportReady;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code report.ready} (monitoring, once a supervisor approved the month's report): the client is told in its own
 * destination that its report is ready, with the path where it reads it; told once, whatever the duplicates.
 */
@QuarkusTest
class ReportReadyNoticeTest {

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    @Test
    void theClientIsToldItsReportIsReadyWithTheLinkOnce() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        UUID reportId = UUID.randomUUID();
        ReportReady ready = new ReportReady(engagementId, clientId, reportId, "2026-11", "/reports/" + reportId,
                "sophie", Fixtures.now());
        String id = UUID.randomUUID().toString();
        Events.publish(id, ready);
        Events.publish(id, ready);   // the outbox's duplicate
        // a marker after it: the engagement's events are consumed in order
        Events.publish(new InvoiceIssued(engagementId, clientId, UUID.randomUUID(), "LO-R-" + clientId,
                InvoiceKind.MAINTENANCE, 100, "EUR", java.time.LocalDate.now().plusDays(30), null, Fixtures.now()));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(chat).stream()
                .anyMatch(call -> call.text().startsWith("*Invoice")));

        var told = telegram().sentTo(chat).stream()
                .filter(call -> call.text().startsWith("*Your monthly report is ready*")).toList();
        assertEquals(1, told.size(), telegram().sentTo(chat).toString());
        String text = told.getFirst().text().replace("\\", "");   // Markdown escapes aside
        assertTrue(text.contains("2026-11"), text);
        assertTrue(text.contains("/reports/" + reportId), text);
        assertTrue(!text.contains("sophie"), "who approved stays inside the agency: " + text);

        // the client's inbox holds it; nobody else's does
        given().auth().oauth2(Tokens.client(clientId)).queryParam("engagementId", engagementId).get("/inbox").then()
                .statusCode(200).body("items.title", hasItem("Your monthly report is ready"))
                .body("items.find { it.title == 'Your monthly report is ready' }.sourceEventType",
                        equalTo(EventTypes.REPORT_READY));
        given().auth().oauth2(Tokens.client(Fixtures.newClientId())).queryParam("engagementId", engagementId)
                .get("/inbox").then().statusCode(200).body("total", equalTo(0));
    }
}
