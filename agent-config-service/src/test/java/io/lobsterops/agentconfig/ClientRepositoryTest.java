package io.lobsterops.agentconfig;

import static io.lobsterops.testkit.KafkaTestClient.deadLetterReason;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClientRepositoryTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EngagementOpened opened(String clientId, String openedBy) {
        return new EngagementOpened(UUID.randomUUID(), clientId, "Client " + clientId, "Ada Lovelace",
                "ada@" + clientId + ".test", "logistics", "eu-west", Stage.LEAD, openedBy,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static EngagementOpened openedAndAwaited(String clientId) {
        EngagementOpened opened = opened(clientId, "eric");
        Events.publish(opened);
        awaitRepository(opened.engagementId());
        return opened;
    }

    static void awaitRepository(UUID engagementId) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagementId).then().statusCode(200));
    }

    static Path repositoryDir(String clientId) {
        return Path.of(ConfigProvider.getConfig().getValue("lobsterops.git.root", String.class)).toAbsolutePath()
                .normalize().resolve(clientId + ".git");
    }

    static Repository openBare(String clientId) throws IOException {
        return new FileRepositoryBuilder().setGitDir(repositoryDir(clientId).toFile()).setBare().setMustExist(true)
                .build();
    }

    static List<RevCommit> mainHistory(String clientId) throws IOException {
        try (Repository repo = openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.resolve("refs/heads/main")));
            List<RevCommit> commits = new ArrayList<>();
            walk.forEach(commits::add);
            return commits;
        }
    }

    static String fileOnMain(String clientId, String path) throws IOException {
        try (Repository repo = openBare(clientId); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve("refs/heads/main"));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, head.getTree())) {
                assertNotNull(tree, path + " is not on main");
                return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void engagementOpenedCreatesABareRepositoryWhoseMainHoldsTheReadmeCommitByTheOpener() throws IOException {
        String clientId = newClientId();
        EngagementOpened opened = opened(clientId, "olivia");
        Events.publish(opened);
        awaitRepository(opened.engagementId());

        try (Repository repo = openBare(clientId)) {
            assertTrue(repo.isBare());
            assertEquals("refs/heads/main", repo.exactRef(Constants.HEAD).getTarget().getName());
        }
        assertFalse(Files.exists(repositoryDir(clientId).resolve("README.md")), "a bare repository has no work tree");
        List<RevCommit> history = mainHistory(clientId);
        assertEquals(1, history.size());
        RevCommit first = history.getFirst();
        assertEquals("olivia", first.getAuthorIdent().getName());
        assertEquals("olivia@users.lobsterops.local", first.getAuthorIdent().getEmailAddress());
        assertEquals(opened.openedAt().truncatedTo(ChronoUnit.SECONDS), first.getAuthorIdent().getWhenAsInstant(),
                "git keeps seconds");
        String readme = fileOnMain(clientId, "README.md");
        assertTrue(readme.contains("Client " + clientId), readme);
        assertTrue(readme.contains(opened.engagementId().toString()), readme);

        given().auth().oauth2(Tokens.supervisor()).get("/engagements/{id}/repository", opened.engagementId()).then()
                .statusCode(200)
                .body("engagementId", equalTo(opened.engagementId().toString()))
                .body("clientId", equalTo(clientId))
                .body("location", equalTo(repositoryDir(clientId).toUri().toString()))
                .body("defaultBranch", equalTo("main"))
                .body("headCommit", equalTo(first.name()))
                .body("commits", hasSize(1))
                .body("commits[0].id", equalTo(first.name()))
                .body("commits[0].authorName", equalTo("olivia"))
                .body("commits[0].authorEmail", equalTo("olivia@users.lobsterops.local"))
                .body("commits[0].message", containsString("Create the configuration repository"));
    }

    @Test
    void aSecondEngagementOfTheSameClientReusesItsRepository() throws IOException {
        String clientId = newClientId();
        EngagementOpened first = openedAndAwaited(clientId);
        EngagementOpened second = opened(clientId, "olivia");
        Events.publish(second);
        awaitRepository(second.engagementId());

        List<RevCommit> history = mainHistory(clientId);
        assertEquals(2, history.size(), "one commit per engagement, in the one repository");
        assertEquals("olivia", history.getFirst().getAuthorIdent().getName());
        String readme = fileOnMain(clientId, "README.md");
        assertTrue(readme.contains(first.engagementId().toString()) && readme.contains(second.engagementId().toString()),
                readme);
        String location = repositoryDir(clientId).toUri().toString();
        for (UUID engagement : List.of(first.engagementId(), second.engagementId())) {
            given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", engagement).then()
                    .body("location", equalTo(location))
                    .body("headCommit", equalTo(history.getFirst().name()))
                    .body("commits", hasSize(2));
        }
    }

    /** Renames the client through a later event of the same engagement (same partition: consumed after the others). */
    static void renameAndAwait(EngagementOpened opened) {
        String name = "Renamed " + opened.clientId();
        Events.publish(new EngagementOpened(opened.engagementId(), opened.clientId(), name, opened.contactName(),
                opened.contactEmail(), opened.sector(), opened.region(), opened.stage(), opened.openedBy(),
                opened.openedAt()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", opened.engagementId()).then()
                .body("clientName", equalTo(name)));
    }

    @Test
    void theSameEventDeliveredTwiceMakesOneCommit() throws IOException {
        String clientId = newClientId();
        EngagementOpened opened = opened(clientId, "eric");
        String id = UUID.randomUUID().toString();
        Events.publish(id, opened);
        Events.publish(id, opened);
        renameAndAwait(opened);
        List<RevCommit> history = mainHistory(clientId);
        assertEquals(2, history.size(), "one commit for both copies, one for the rename");
        assertTrue(history.get(1).getFullMessage().startsWith("Create the configuration repository"));
    }

    @Test
    void theSameEngagementRepublishedUnderANewEventIdMakesNoSecondCommit() throws IOException {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        String created = mainHistory(clientId).getFirst().name();
        Events.publish(opened);
        renameAndAwait(opened);
        List<RevCommit> history = mainHistory(clientId);
        assertEquals(2, history.size(), "the replay changed nothing, only the rename did");
        assertEquals(created, history.get(1).name());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", opened.engagementId()).then()
                .body("headCommit", equalTo(history.getFirst().name()));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID engagementId = UUID.randomUUID();
        String poisonId = KafkaTestClient.publish(EventTypes.ENGAGEMENT_OPENED, engagementId, "{\"engagementId\": 42");
        EngagementOpened next = opened(newClientId(), "eric");
        Events.publish(next);

        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(poisonId)
                .and(r -> deadLetterReason(r).startsWith("agent-config-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the poison event is not on the dead-letter topic"));
        assertEquals(engagementId.toString(), dead.key());
        assertTrue(deadLetterReason(dead).contains("unreadable payload"), deadLetterReason(dead));
        awaitRepository(next.engagementId());
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", engagementId)
                .then(), 404, "not-found");
    }

    @Test
    void aClientIdThatIsNotASlugIsDeadLetteredAndCreatesNoDirectory() {
        EngagementOpened escape = opened("../escape-" + UUID.randomUUID().toString().substring(0, 8), "eric");
        String id = Events.publish(escape);
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(id)
                .and(r -> deadLetterReason(r).startsWith("agent-config-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the event is not on the dead-letter topic"));
        assertTrue(deadLetterReason(dead).contains("not a lower-case slug"), deadLetterReason(dead));
        assertTrue(deadLetterReason(dead).contains("after 1 attempt(s)"), deadLetterReason(dead));
        assertFalse(Files.exists(repositoryDir("x").getParent().resolve(escape.clientId() + ".git")));
    }

    @Test
    void aClientSeesOnlyItsOwnRepository() {
        String mine = newClientId();
        EngagementOpened own = openedAndAwaited(mine);
        EngagementOpened other = openedAndAwaited(newClientId());
        // the repository (its server path, commits and authors) is the agency's internals: 404 for a client (ADR 0044)
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/repository",
                own.engagementId()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/repository",
                other.engagementId()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/engagements/{id}/repository",
                own.engagementId()).then(), 403, "forbidden");
    }

    @Test
    void repositoriesNeedATokenWithARole() {
        UUID any = UUID.randomUUID();
        assertProblem(given().get("/engagements/{id}/repository", any).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.forged()).get("/engagements/{id}/repository", any).then(), 401,
                "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/engagements/{id}/repository", any).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.service()).get("/engagements/{id}/repository", any).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("limit", 0)
                .get("/engagements/{id}/repository", any).then(), 400, "validation");
    }
}
