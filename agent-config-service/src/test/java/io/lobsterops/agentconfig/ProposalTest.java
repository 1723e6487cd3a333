package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.agentconfig.TestEngagements.openedAndAwaited;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.git.Author;
import io.lobsterops.agentconfig.git.GitProposals;
import io.lobsterops.agentconfig.git.Release;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProposalTest {

    @Inject
    GitProposals git;

    static EngagementOpened engagementWithAgent(String clientId, String clientName, Map<String, String> answers) {
        EngagementOpened opened = openedAndAwaited(clientId, clientName);
        AgentDefinitionTest.answer(opened.engagementId(), Tokens.engineer(), answers);
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent", opened.engagementId()).then()
                .statusCode(201);
        return opened;
    }

    static JsonPath propose(UUID engagementId, String token) {
        return given().auth().oauth2(token).post("/engagements/{id}/agent/proposals", engagementId).then()
                .statusCode(201).extract().jsonPath();
    }

    static JsonPath approve(UUID engagementId, String proposalId) {
        return given().auth().oauth2(Tokens.supervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagementId, proposalId).then()
                .statusCode(200).extract().jsonPath();
    }

    static Repository openBare(String clientId) throws IOException {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("lobsterops.git.root", String.class)).toAbsolutePath()
                .normalize().resolve(clientId + ".git");
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    /** The client's repository on the git server the service pushes to (file transport in tests). */
    static Repository openBare(String clientId, String urlProperty) throws IOException {
        Path dir = Path.of(ConfigProvider.getConfig().getValue(urlProperty, String.class).replace("{client}", clientId))
                .toAbsolutePath().normalize();
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    static JsonPath eventPayload(String type, UUID engagementId) {
        ConsumerRecord<String, String> record = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(type, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError(type + " was not published for " + engagementId));
        assertEquals("/lobsterops/agent-config-service", KafkaTestClient.header(record, "ce_source"));
        return JsonPath.from(record.value());
    }

    @Test
    void anApprovedProposalIsMergedTaggedAndPublishedWithItsCommit() throws Throwable {
        String clientId = newClientId();
        EngagementOpened opened = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS);
        UUID engagement = opened.engagementId();
        JsonPath proposal = propose(engagement, Tokens.engineer());
        assertEquals("PROPOSED", proposal.getString("status"));
        assertEquals("eric", proposal.getString("proposedBy"));
        assertEquals(List.of(true, true, true, true, true), proposal.getList("checklist.passed").subList(1, 6));
        String commit = proposal.getString("commit");

        JsonPath proposed = eventPayload(EventTypes.CONFIG_PROPOSED, engagement);
        assertEquals(commit, proposed.getString("commit"));
        assertEquals(proposal.getString("branch"), proposed.getString("branch"));
        assertEquals("eric", proposed.getString("author"));

        JsonPath approved = approve(engagement, proposal.getString("id"));
        assertEquals("APPROVED", approved.getString("status"));
        assertEquals("sophie", approved.getString("decidedBy"));
        assertEquals("release-1", approved.getString("releaseTag"));
        assertEquals(commit, approved.getString("releaseCommit"), "main had not moved: a fast-forward");

        try (Repository repo = openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            assertEquals(commit, repo.resolve("refs/heads/main").name());
            RevTag tag = walk.parseTag(repo.exactRef(Constants.R_TAGS + "release-1").getObjectId());
            assertEquals(commit, tag.getObject().name());
            assertEquals("sophie", tag.getTaggerIdent().getName());
            RevCommit head = walk.parseCommit(repo.resolve("refs/heads/main"));
            assertEquals("eric", head.getAuthorIdent().getName());
        }
        // pushed once the approval committed (ADR 0063)
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            try (Repository remote = openBare(clientId, "lobsterops.git.remote.url");
                    RevWalk walk = new RevWalk(remote)) {
                assertEquals(commit, remote.resolve("refs/heads/main").name(), "the release was pushed");
                assertEquals(commit, walk.parseTag(remote.exactRef(Constants.R_TAGS + "release-1").getObjectId())
                        .getObject().name());
                assertEquals(proposal.getString("commit"), remote.resolve("refs/heads/"
                        + proposal.getString("branch")).name());
            }
        });
        JsonPath event = eventPayload(EventTypes.CONFIG_APPROVED, engagement);
        assertEquals(commit, event.getString("commit"));
        assertEquals("release-1", event.getString("tag"));
        assertEquals("sophie", event.getString("approvedBy"));
        assertTrue(event.getString("repository").endsWith("/" + clientId + ".git/"), event.getString("repository"));
        assertEquals(List.of("AGENTS.md", "IDENTITY.md", "SOUL.md", "USER.md", "openclaw/cron/daily-cycle.json",
                "openclaw/gold-set.yaml"), event.getList("files.path"));
        assertTrue(event.getString("files[4].content").contains("\"kind\" : \"cron\""),
                event.getString("files[4].content"));
        assertEquals(64, event.getString("files[0].sha256").length());
        assertTrue(event.getString("files[2].content").contains("Friendly and concise"));
        assertProblem(given().auth().oauth2(Tokens.otherSupervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposal.getString("id")).then(),
                409, "conflict");
        // an approval retried after its database transaction failed releases nothing new
        Release again = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> git.release(clientId, commit,
                Author.user("samuel", java.time.Instant.now()), "retry"));
        assertEquals(new Release(commit, "release-1"), again);
    }

    @Test
    void theAuthorCannotApproveTheirOwnProposalAndOnlyASupervisorApproves() {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        String proposalId = propose(engagement, Tokens.supervisor()).getString("id");
        assertProblem(given().auth().oauth2(Tokens.supervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposalId).then(), 403,
                "four-eyes");
        assertProblem(given().auth().oauth2(Tokens.engineer())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposalId).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId))
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposalId).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId))
                .post("/engagements/{id}/agent/proposals", engagement).then(), 403, "forbidden");
        // proposals are the agency's internals: a client gets 404 (ADR 0044)
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/agent/proposals",
                engagement).then(), 404, "not-found");
        given().auth().oauth2(Tokens.otherSupervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposalId).then().statusCode(200)
                .body("releaseTag", equalTo("release-1"));
    }

    @Test
    void aDirtyRenderingCannotBeProposedAndTheFindingsComeBack() {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("tasks", List.of("Log in with password: Tr0ub4dor&3")))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent/proposals", engagement)
                .then(), 409, "lint-findings")
                .body("violations.message", hasItem(containsString("credential/assignment")))
                .body("violations.field", hasItem(containsString("workspace/")));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/proposals", engagement).then()
                .body("", hasSize(0));
    }

    @Test
    void aProposalThatNamesANewlyKnownClientCannotBeApproved() {
        String rival = "Initrode " + UUID.randomUUID().toString().substring(0, 6);
        String clientId = newClientId();
        Map<String, String> answers = new java.util.HashMap<>(AgentDefinitionTest.ANSWERS);
        answers.put("repetitive-tasks", "Watch what " + rival + " publishes");
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, answers).engagementId();
        JsonPath proposal = propose(engagement, Tokens.engineer());
        openedAndAwaited(newClientId(), rival);
        assertProblem(given().auth().oauth2(Tokens.supervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposal.getString("id")).then(),
                409, "lint-findings")
                .body("violations.message", hasItem(containsString("other-client")));
        given().auth().oauth2(Tokens.supervisor())
                .get("/engagements/{id}/agent/proposals/{p}", engagement, proposal.getString("id")).then()
                .statusCode(200)
                .body("status", equalTo("PROPOSED"))
                .body("checklist.find { it.id == 'no-supplier-data' }.passed", equalTo(false))
                .body("checklist.find { it.id == 'tone-and-scope' }.passed", nullValue());
    }

    @Test
    void changesCanBeRequestedWithComments() {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        String proposalId = propose(engagement, Tokens.engineer()).getString("id");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("comments", "The tone is too casual for a bank."))
                .post("/engagements/{id}/agent/proposals/{p}/request-changes", engagement, proposalId).then()
                .statusCode(200).body("status", equalTo("CHANGES_REQUESTED"))
                .body("comments", equalTo("The tone is too casual for a bank."));
        assertProblem(given().auth().oauth2(Tokens.otherSupervisor())
                .post("/engagements/{id}/agent/proposals/{p}/approve", engagement, proposalId).then(), 409,
                "conflict");
    }

    @Test
    void versionsDiffAndRollbackRestoreTheExactEarlierTree() throws IOException {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
        String first = approve(engagement, propose(engagement, Tokens.engineer()).getString("id"))
                .getString("releaseCommit");
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(Map.of("tone", "Formal"))
                .patch("/engagements/{id}/agent", engagement).then().statusCode(200);
        String second = approve(engagement, propose(engagement, Tokens.engineer()).getString("id"))
                .getString("releaseCommit");

        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/versions", engagement).then()
                .statusCode(200)
                .body("", hasSize(3))
                .body("[0].id", equalTo(second))
                .body("[1].id", equalTo(first))
                .body("[0].authorName", equalTo("eric"));
        String diff = given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/agent/versions/{a}/diff/{b}", engagement, first, second).then()
                .statusCode(200).extract().asString();
        assertTrue(diff.contains("--- a/workspace/SOUL.md") && diff.contains("-Friendly and concise")
                && diff.contains("+Formal"), diff);
        assertProblem(given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/agent/versions/{a}/diff/{b}", engagement, first, "0123456789abcdef").then(),
                404, "not-found");

        String restored = given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("commit", first)).post("/engagements/{id}/agent/rollback", engagement).then()
                .statusCode(200).body("commit", notNullValue()).extract().path("commit");
        try (Repository repo = openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            RevCommit rollback = walk.parseCommit(repo.resolve("refs/heads/main"));
            assertEquals(restored, rollback.name());
            assertNotEquals(first, restored, "a rollback is a new commit");
            assertEquals(walk.parseCommit(repo.resolve(first)).getTree(), rollback.getTree());
            assertEquals(second, rollback.getParent(0).name());
            assertEquals("sophie", rollback.getAuthorIdent().getName());
        }
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON)
                .body(Map.of("commit", first)).post("/engagements/{id}/agent/rollback", engagement).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client("someone-else"))
                .get("/engagements/{id}/agent/versions", engagement).then(), 404, "not-found");
    }
}
