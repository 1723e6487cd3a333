package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.agentconfig.TestEngagements.openedAndAwaited;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AgentDefinitionTest {

    static final Map<String, String> ANSWERS = Map.of(
            "activity", "We move parcels for online shops across Europe.",
            "repetitive-tasks", "Summarise overnight delivery incidents\nDraft replies to carrier emails",
            "daily-sources", "https://status.carrier.test/feed.rss and https://news.logistics.test/today",
            "tools", "Gmail, Slack and GitHub",
            "briefing-time", "7h30",
            "tone", "Friendly and concise",
            "forbidden-topics", "Salaries\nPending lawsuits");

    static void answer(UUID engagementId, String token, Map<String, String> answers) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("answers", answers))
                .put("/engagements/{id}/discovery", engagementId).then().statusCode(200);
    }

    static EngagementOpened engagementWithAgent(String clientId) {
        EngagementOpened opened = openedAndAwaited(clientId, "Client " + clientId);
        answer(opened.engagementId(), Tokens.engineer(), ANSWERS);
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent", opened.engagementId()).then()
                .statusCode(201);
        return opened;
    }

    static String file(JsonPath preview, String path) {
        return preview.getString("files.find { it.path == '" + path + "' }.content");
    }

    @Test
    void theQuestionnaireAsksTheEightPlaybookQuestionsInEnglishAndFrench() {
        given().auth().oauth2(Tokens.client("anyone")).get("/questionnaires/current").then().statusCode(200)
                .body("version", notNullValue())
                .body("questions", hasSize(8))
                .body("questions.id", hasItems("activity", "repetitive-tasks", "daily-sources", "tools",
                        "briefing-time", "tone", "forbidden-topics", "other-users"))
                .body("questions[0].text.en", notNullValue())
                .body("questions[0].text.fr", notNullValue());
    }

    @Test
    void questionnaireVersionsAreExplicitAndEachAnswerRecordsTheVersionItAnswered() {
        String current = given().auth().oauth2(Tokens.engineer()).get("/questionnaires/current").then()
                .statusCode(200).body("current", equalTo(true)).extract().path("version");
        given().auth().oauth2(Tokens.client("anyone")).get("/questionnaires/{v}", current).then().statusCode(200)
                .body("version", equalTo(current))
                .body("questions", hasSize(8));
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/questionnaires/{v}", "1999.9").then(), 404,
                "not-found");

        EngagementOpened opened = openedAndAwaited(newClientId(), "Versioned Co");
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("questionnaireVersion", current, "answers", Map.of("tone", "Warm")))
                .put("/engagements/{id}/discovery", opened.engagementId()).then().statusCode(200)
                .body("questionnaireVersion", equalTo(current))
                .body("answers[0].questionnaireVersion", equalTo(current));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("questionnaireVersion", "1999.9", "answers", Map.of("tone", "Cold")))
                .put("/engagements/{id}/discovery", opened.engagementId()).then(), 409, "conflict")
                .body("detail", containsString(current));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/discovery", opened.engagementId()).then()
                .body("answers[0].answer", equalTo("Warm"));
    }

    @Test
    void changedAnswersArePublishedWholeOnceForBillingsProposal() {
        EngagementOpened opened = openedAndAwaited(newClientId(), "Published Answers Co");
        answer(opened.engagementId(), Tokens.engineer(), Map.of("activity", "Bakeries", "tone", "Warm"));
        answer(opened.engagementId(), Tokens.supervisor(), Map.of("tone", "Formal"));
        answer(opened.engagementId(), Tokens.supervisor(), Map.of("tone", "Formal"));
        List<ConsumerRecord<String, String>> published = KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.DISCOVERY_ANSWERED, opened.engagementId()), 3, Duration.ofSeconds(15));
        assertEquals(2, published.size(), "an identical save publishes nothing");
        JsonPath last = JsonPath.from(published.get(1).value());
        assertEquals(opened.clientId(), last.getString("clientId"));
        assertEquals("sophie", last.getString("answeredBy"));
        assertEquals(2, last.getList("answers").size(), "every current answer, not only the changed one");
        assertEquals("Bakeries", last.getString("answers.find { it.questionId == 'activity' }.answer"));
        assertEquals("Formal", last.getString("answers.find { it.questionId == 'tone' }.answer"));
        assertTrue(last.getString("answers.find { it.questionId == 'activity' }.question").length() > 10,
                "the question's English text travels with the answer");
    }

    @Test
    void partialDiscoverySavesKeepEachAnswersAuthorAndTime() {
        EngagementOpened opened = openedAndAwaited(newClientId(), "Partial Co");
        answer(opened.engagementId(), Tokens.engineer(), Map.of("activity", "Bakeries", "tone", "Warm"));
        answer(opened.engagementId(), Tokens.supervisor(), Map.of("tone", "Formal", "tools", "Email"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/discovery", opened.engagementId()).then()
                .statusCode(200)
                .body("answers", hasSize(3))
                .body("answers.find { it.questionId == 'activity' }.answeredBy", equalTo("eric"))
                .body("answers.find { it.questionId == 'tone' }.answer", equalTo("Formal"))
                .body("answers.find { it.questionId == 'tone' }.answeredBy", equalTo("sophie"))
                .body("answers.find { it.questionId == 'tone' }.answeredAt", notNullValue())
                .body("unanswered", hasItem("briefing-time"))
                .body("unanswered", not(hasItem("tone")));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("favourite-colour", "blue")))
                .put("/engagements/{id}/discovery", opened.engagementId()).then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("answers", ANSWERS)).put("/engagements/{id}/discovery", UUID.randomUUID()).then(), 404,
                "not-found");
    }

    @Test
    void answersBecomeADefinitionThenOpenClawFilesThatPassTheLint() {
        EngagementOpened opened = openedAndAwaited(newClientId(), "Parcel Express");
        answer(opened.engagementId(), Tokens.engineer(), ANSWERS);
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent", opened.engagementId()).then()
                .statusCode(201)
                .header("Location", containsString("/engagements/" + opened.engagementId() + "/agent"))
                .body("revision", equalTo(1))
                .body("definition.company", equalTo("Parcel Express"))
                .body("definition.tone", equalTo("Friendly and concise"))
                .body("definition.tasks", contains("Summarise overnight delivery incidents",
                        "Draft replies to carrier emails"))
                .body("definition.forbiddenTopics", contains("Salaries", "Pending lawsuits"))
                .body("definition.dailyCycle.times", contains("07:30"))
                .body("definition.dailyCycle.sources.kind", contains("RSS", "URL"))
                .body("definition.skills", hasItems("WEB_SEARCH", "MEMORY", "RSS", "GITHUB", "SLACK", "EMAIL"))
                .body("definition.autonomy.l3", hasItems(AgentDefinition.MANDATORY_L3.toArray()))
                .body("definition.channel.dmPolicy", equalTo("pairing"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent", opened.engagementId())
                .then(), 409, "conflict");

        JsonPath preview = given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/agent/preview", opened.engagementId()).then().statusCode(200)
                .body("openclawVersion", equalTo("2026.9"))
                .body("files.path", contains("workspace/AGENTS.md", "workspace/SOUL.md", "workspace/IDENTITY.md",
                        "workspace/USER.md", "openclaw/cron/daily-cycle.json", "openclaw/channel.json",
                        "PLAYBOOK.md", "openclaw/gold-set.yaml"))
                .body("files.find { it.path == 'workspace/USER.md' }.carries", equalTo("CONTEXT.md"))
                .body("lint.clean", equalTo(true))
                .body("lint.findings", hasSize(0))
                .extract().jsonPath();
        String agents = file(preview, "workspace/AGENTS.md");
        org.junit.jupiter.api.Assertions.assertTrue(agents.contains("### L3")
                && agents.contains(AgentDefinition.MANDATORY_L3.getFirst()) && agents.contains("## Tools")
                && agents.contains("- github: read only"), agents);
        org.junit.jupiter.api.Assertions.assertTrue(file(preview, "workspace/SOUL.md").contains("- Pending lawsuits"));
        String cron = file(preview, "openclaw/cron/daily-cycle.json");
        org.junit.jupiter.api.Assertions.assertTrue(cron.contains("\"30 7 * * *\"") && cron.contains("\"0m\""), cron);
        org.junit.jupiter.api.Assertions.assertTrue(file(preview, "openclaw/channel.json").contains("\"slack\""),
                "the team uses Slack and not Telegram");
    }

    @Test
    void editsApplyFieldByFieldAndCannotDropTheMandatoryL3Rules() {
        EngagementOpened opened = engagementWithAgent(newClientId());
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("tone", "Formal", "autonomy", Map.of("l1", List.of("Brief"), "l2", List.of(),
                        "l3", List.of("Delete data"))))
                .patch("/engagements/{id}/agent", opened.engagementId()).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("updatedBy", equalTo("sophie"))
                .body("definition.tone", equalTo("Formal"))
                .body("definition.tasks", hasSize(2))
                .body("definition.autonomy.l3", hasItems(AgentDefinition.MANDATORY_L3.toArray()))
                .body("definition.autonomy.l3", hasItem("Delete data"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("dailyCycle", Map.of("times", List.of("25:00"), "timezone", "Europe/Paris",
                        "sources", List.of(Map.of("kind", "RSS", "url", "ftp:/nope")))))
                .patch("/engagements/{id}/agent", opened.engagementId()).then(), 400, "validation")
                .body("violations.field", hasItems("dailyCycle.times.<list element>", "dailyCycle.sources.url"));
    }

    @Test
    void thePreviewReportsLeaksAndUnsafeSettings() {
        String other = newClientId();
        openedAndAwaited(other, "Globex Corporation");
        EngagementOpened opened = engagementWithAgent(newClientId());
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("tasks", List.of("Compare our prices with Globex Corporation",
                        "Post to https://hooks.slack.com/services/T0123ABCD/B0456EFGH/XyZ123abcDEF456ghiJKL789",
                        "Track the internal cost of each delivery"),
                        "channel", Map.of("kind", "TELEGRAM", "dmPolicy", "open", "allowFrom", List.of())))
                .patch("/engagements/{id}/agent", opened.engagementId()).then().statusCode(200);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/preview", opened.engagementId()).then()
                .statusCode(200)
                .body("lint.clean", equalTo(false))
                .body("lint.findings.rule", hasItems("other-client", "credential/slack-webhook", "supplier-internal",
                        "unsafe/dm-policy-open"))
                .body("lint.findings.find { it.rule == 'unsafe/dm-policy-open' }.file",
                        equalTo("openclaw/channel.json"))
                .body("lint.findings.find { it.rule == 'credential/slack-webhook' }.excerpt",
                        not(containsString("XyZ123abcDEF456ghiJKL789")));
    }

    @Test
    void aRenderingOverOpenClawsLimitsIsRefusedWithAClearError() {
        EngagementOpened opened = engagementWithAgent(newClientId());
        List<String> tasks = Collections.nCopies(50, "x".repeat(100) + " ").stream()
                .map(t -> t + UUID.randomUUID()).toList();
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(Map.of("tasks", tasks))
                .patch("/engagements/{id}/agent", opened.engagementId()).then().statusCode(200);
        assertProblem(given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/agent/preview", opened.engagementId()).then(), 422, "rendering-too-large")
                .body("detail", containsString("workspace/USER.md"))
                .body("detail", containsString("4000"));
    }

    @Test
    void changedAnswersShowWhatRegenerationWouldChangeFieldByFieldBeforeItIsApplied() {
        EngagementOpened opened = engagementWithAgent(newClientId());
        answer(opened.engagementId(), Tokens.engineer(), Map.of("tone", "Very formal", "briefing-time", "09:15",
                "repetitive-tasks", "Summarise overnight delivery incidents\nPlan the weekly rounds"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/regeneration", opened.engagementId())
                .then().statusCode(200)
                .body("field", contains("tone", "tasks", "autonomy.l1", "dailyCycle.times"))
                .body("find { it.field == 'tone' }.current", equalTo("Friendly and concise"))
                .body("find { it.field == 'tone' }.regenerated", equalTo("Very formal"))
                .body("find { it.field == 'tone' }", not(hasKey("added")))
                .body("find { it.field == 'tasks' }.added", contains("Plan the weekly rounds"))
                .body("find { it.field == 'tasks' }.removed", contains("Draft replies to carrier emails"))
                .body("find { it.field == 'tasks' }.regenerated", contains("Summarise overnight delivery incidents",
                        "Plan the weekly rounds"))
                .body("find { it.field == 'autonomy.l1' }.added", contains("Plan the weekly rounds"))
                .body("find { it.field == 'dailyCycle.times' }.added", contains("09:15"))
                .body("find { it.field == 'dailyCycle.times' }.removed", contains("07:30"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent", opened.engagementId()).then()
                .body("definition.tone", equalTo("Friendly and concise"));
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent/regeneration", opened.engagementId())
                .then().statusCode(200).body("definition.tone", equalTo("Very formal")).body("revision", equalTo(2));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/regeneration", opened.engagementId())
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aClientReadsOnlyItsOwnAgentAndChangesNothing() {
        String mine = newClientId();
        EngagementOpened own = engagementWithAgent(mine);
        EngagementOpened other = engagementWithAgent(newClientId());
        given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/agent", own.engagementId()).then()
                .statusCode(200).body("definition.company", equalTo("Client " + mine));
        // the unreviewed preview is the agency's internals: a client gets 404 (ADR 0044)
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/agent/preview",
                own.engagementId()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/agent", other.engagementId())
                .then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/discovery",
                other.engagementId()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).contentType(ContentType.JSON)
                .body(Map.of("answers", ANSWERS)).put("/engagements/{id}/discovery", own.engagementId()).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).contentType(ContentType.JSON)
                .body(Map.of("tone", "Rude")).patch("/engagements/{id}/agent", own.engagementId()).then(), 403,
                "forbidden");
        assertProblem(given().get("/engagements/{id}/agent", own.engagementId()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/questionnaires/current").then(), 403, "forbidden");
    }
}
