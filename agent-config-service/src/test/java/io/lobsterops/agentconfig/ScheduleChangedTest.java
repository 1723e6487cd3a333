package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.ProposalTest.approve;
import static io.lobsterops.agentconfig.ProposalTest.engagementWithAgent;
import static io.lobsterops.agentconfig.ProposalTest.propose;
import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code schedule.changed} in → the definition → a proposal by the optimizer → a release with the cron job. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ScheduleChangedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENTS = "Summarise overnight delivery incidents";

    static ScheduleChanged changed(EngagementOpened opened, String activity, String cadence, String previous,
            Instant at) {
        return new ScheduleChanged(opened.engagementId(), opened.clientId(), activity, cadence, previous, "sophie", at);
    }

    static JsonPath proposals(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/proposals", engagement).then()
                .statusCode(200).extract().jsonPath();
    }

    static JsonPath changes(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/schedule-changes", engagement)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath agent(UUID engagement) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent", engagement).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void anApprovedCadenceIsProposedByTheOptimizerAndItsReleaseCarriesTheCronJob() throws Exception {
        String clientId = newClientId();
        EngagementOpened opened = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        approve(engagement, propose(engagement, Tokens.engineer()).getString("id"));

        Events.publish(changed(opened, INCIDENTS, "DAILY", "HOURLY", Instant.now()));

        await().atMost(PATIENCE).until(() -> proposals(engagement).getList("").size() == 2);
        JsonPath proposal = proposals(engagement);
        assertEquals("optimizer (approved by sophie)", proposal.getString("[0].proposedBy"));
        assertEquals("PROPOSED", proposal.getString("[0].status"));
        String proposalId = proposal.getString("[0].id");
        JsonPath agent = agent(engagement);
        assertEquals(2, agent.getInt("revision"));
        assertEquals("optimizer (approved by sophie)", agent.getString("updatedBy"));
        assertEquals(List.of(Map.of("name", INCIDENTS, "cadence", "DAILY")), agent.getList("definition.activities"));
        JsonPath changes = changes(engagement);
        assertEquals("PROPOSED", changes.getString("[0].outcome"));
        assertEquals(proposalId, changes.getString("[0].proposalId"));
        assertEquals("HOURLY", changes.getString("[0].previousCadence"));

        try (Repository repo = ProposalTest.openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(repo.resolve(proposal.getString("[0].commit")));
            assertEquals("optimizer (approved by sophie)", commit.getAuthorIdent().getName());
            assertTrue(commit.getFullMessage().contains("Cadence of \"" + INCIDENTS + "\": not scheduled -> DAILY"),
                    commit.getFullMessage());
        }

        // the supervisor who approved the cadence in monitoring is not the proposal's author: four eyes hold
        JsonPath released = approve(engagement, proposalId);
        assertEquals("release-2", released.getString("releaseTag"));
        ConsumerRecord<String, String> record = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.CONFIG_APPROVED, engagement)
                        .and(r -> r.value().contains("\"release-2\"")), PATIENCE)
                .orElseThrow(() -> new AssertionError("release-2 was not published"));
        JsonPath event = JsonPath.from(record.value());
        String cron = event.getString("files.find { it.path == 'openclaw/cron/daily-cycle.json' }.content");
        JsonNode jobs = JSON.readTree(cron).path("jobs");
        assertEquals(2, jobs.size(), cron);
        assertEquals("daily-briefing-0730", jobs.get(0).path("name").asText());
        JsonNode job = jobs.get(1);
        // the shape provisioning's ScheduledJob reads: a slug name, a 5-field cron, a time zone, a message
        assertEquals("activity-summarise-overnight-delivery-incidents", job.path("name").asText());
        assertTrue(job.path("name").asText().matches("[a-z0-9][a-z0-9-]{0,63}"));
        assertEquals("cron", job.path("schedule").path("kind").asText());
        assertEquals("30 7 * * *", job.path("schedule").path("expr").asText());
        assertEquals("Europe/Paris", job.path("schedule").path("tz").asText());
        assertTrue(job.path("message").asText().contains(INCIDENTS), cron);
        assertTrue(job.path("enabled").asBoolean());
        String agents = event.getString("files.find { it.path == 'AGENTS.md' }.content");
        assertTrue(agents.contains("## Scheduled activities") && agents.contains("- " + INCIDENTS + ": every day"),
                agents);

        // weekly next: Mondays at the briefing time
        Events.publish(changed(opened, INCIDENTS, "WEEKLY", "DAILY", Instant.now()));
        await().atMost(PATIENCE).until(() -> proposals(engagement).getList("").size() == 3);
        String weekly = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/preview", engagement)
                .then().statusCode(200).extract().jsonPath()
                .getString("files.find { it.path == 'openclaw/cron/daily-cycle.json' }.content");
        assertEquals("30 7 * * 1", JSON.readTree(weekly).path("jobs").get(1).path("schedule").path("expr").asText());
    }

    @Test
    void aRepeatedOrOlderChangeChangesNothingTwice() {
        String clientId = newClientId();
        EngagementOpened opened = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ScheduleChanged weekly = changed(opened, INCIDENTS, "WEEKLY", "DAILY", at);
        String id = Events.publish(weekly);
        await().atMost(PATIENCE).until(() -> proposals(engagement).getList("").size() == 1);
        assertEquals(2, agent(engagement).getInt("revision"));

        Events.publish(id, weekly);                                                   // the same event again
        Events.publish(weekly);                                                       // the same change, another id
        Events.publish(changed(opened, INCIDENTS, "DAILY", "HOURLY", at.minusSeconds(3600)));   // an older change
        // events of one engagement are consumed in order: once this one took effect, the ones above were consumed
        Events.publish(changed(opened, "Draft replies", "HOURLY", null, at.plusSeconds(1)));
        await().atMost(PATIENCE).until(() -> changes(engagement).getList("").size() == 2);

        JsonPath proposals = proposals(engagement);
        assertEquals(2, proposals.getList("").size(), "one proposal per change that changed something");
        JsonPath agent = agent(engagement);
        assertEquals(3, agent.getInt("revision"));
        assertEquals(List.of(Map.of("name", INCIDENTS, "cadence", "WEEKLY"),
                Map.of("name", "Draft replies", "cadence", "HOURLY")), agent.getList("definition.activities"));
        JsonPath changes = changes(engagement);
        assertEquals(List.of("Draft replies", INCIDENTS), changes.getList("activity"));
        assertEquals("WEEKLY", changes.getString("[1].cadence"));
        assertEquals(at, Instant.parse(changes.getString("[1].changedAt")));
        assertEquals("PROPOSED", changes.getString("[1].outcome"));
    }

    @Test
    void aChangeTheLintBlocksIsRecordedOnTheDefinitionButNotProposed() {
        String clientId = newClientId();
        EngagementOpened opened = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("tasks", List.of("Log in with password: Tr0ub4dor&3")))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);

        Events.publish(changed(opened, INCIDENTS, "DAILY", "HOURLY", Instant.now()));

        await().atMost(PATIENCE).until(() -> changes(engagement).getList("").size() == 1);
        JsonPath changes = changes(engagement);
        assertEquals("NOT_PROPOSED", changes.getString("[0].outcome"));
        assertTrue(changes.getString("[0].detail").contains("leak lint"), changes.getString("[0].detail"));
        assertEquals(null, changes.getString("[0].proposalId"));
        assertEquals(0, proposals(engagement).getList("").size(), "nothing unreviewable is proposed");
        assertEquals("DAILY", agent(engagement).getString("definition.activities[0].cadence"));
    }

    @Test
    void aCadenceThatIsNotOursIsDeadLetteredAndAnUnknownEngagementChangesNothing() {
        String clientId = newClientId();
        EngagementOpened opened = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        String monthly = Events.publish(changed(opened, INCIDENTS, "MONTHLY", "DAILY", Instant.now()));
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(monthly).and(r -> String.valueOf(KafkaTestClient.header(r,
                        CloudEventHeaders.DLQ_REASON)).startsWith("agent-config-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the event is not on the dead-letter topic"));
        assertTrue(KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON).contains("MONTHLY"));

        EngagementOpened stranger = TestEngagements.opened(newClientId(), "Nobody", "eric");
        String unknown = UUID.randomUUID().toString();
        // keyed like this engagement's events, so it is consumed before the next one
        KafkaTestClient.send(Events.record(unknown, changed(stranger, INCIDENTS, "DAILY", "HOURLY", Instant.now()),
                engagement.toString()));
        Events.publish(changed(opened, "Draft replies", "DAILY", "HOURLY", Instant.now()));
        await().atMost(PATIENCE).until(() -> changes(engagement).getList("").size() == 1);
        assertFalse(KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(unknown),
                java.time.Duration.ofSeconds(2)).isPresent(), "an engagement this service does not know is skipped");
        assertEquals(List.of("Draft replies"), changes(engagement).getList("activity"));
        assertProblem(given().auth().oauth2(Tokens.client(clientId))
                .get("/engagements/{id}/agent/schedule-changes", engagement).then(), 403, "forbidden");
    }

    @Test
    void anEngineerSchedulesActivitiesByHandOnceEach() {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("activities", List.of(Map.of("name", "Watch", "cadence", "DAILY"),
                        Map.of("name", "Watch", "cadence", "WEEKLY"))))
                .patch("/engagements/{id}/agent", engagement).then(), 400, "validation")
                .body("detail", containsString("Watch"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("activities", List.of(Map.of("name", "Watch", "cadence", "MONTHLY"))))
                .patch("/engagements/{id}/agent", engagement).then(), 400, "malformed-request");
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("activities", List.of(Map.of("name", "Watch the carrier feeds", "cadence", "HOURLY"))))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200)
                .body("definition.activities.cadence", contains("HOURLY"));
        // regenerating from the answers keeps what the answers do not say
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent/regeneration", engagement).then()
                .statusCode(200).body("definition.activities", hasSize(1));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/preview", engagement).then()
                .statusCode(200)
                .body("files.find { it.path == 'openclaw/cron/daily-cycle.json' }.content",
                        containsString("\"expr\" : \"30 * * * *\""))
                .body("lint.clean", equalTo(true));
    }
}
