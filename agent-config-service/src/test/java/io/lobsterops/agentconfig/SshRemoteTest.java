package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.support.GitServer;
import io.lobsterops.agentconfig.support.GitServerResource;
import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/** Every change pushed over SSH to the local git server (sshd + git-shell), with the key and host key of configuration. */
@QuarkusTest
@TestProfile(SshRemoteTest.OverSsh.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SshRemoteTest {

    public static class OverSsh implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitServerResource.class, Map.of("hostKey", "pinned")));
        }
    }

    TcpForwarder relay;

    @AfterEach
    void serverUp() {
        relay.restore();
    }

    @Test
    void anApprovedReleaseShowsUpOnTheSshServerWithItsTagAndAuthors() {
        String clientId = newClientId();
        GitServer.initRepository(clientId);
        UUID engagement = ProposalTest.engagementWithAgent(clientId, "Client " + clientId,
                AgentDefinitionTest.ANSWERS).engagementId();
        JsonPath proposal = ProposalTest.propose(engagement, Tokens.engineer());
        JsonPath approved = ProposalTest.approve(engagement, proposal.getString("id"));
        String release = approved.getString("releaseCommit");

        // pushed by the push job once the approval committed (ADR 0063)
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertEquals(release,
                GitServer.git(clientId, "rev-parse", "main").strip()));
        assertEquals(release, GitServer.git(clientId, "rev-parse", "release-1^{commit}").strip());
        assertEquals("sophie", GitServer.git(clientId, "for-each-ref", "--format=%(taggername)", "refs/tags/release-1")
                .strip(), "the approver tagged it");
        assertEquals(List.of("eric", "eric"), GitServer.git(clientId, "log", "--format=%an", "main").lines().toList(),
                "the proposal and the repository's creation, each by its author");
        assertEquals(proposal.getString("commit"), GitServer.git(clientId, "rev-parse",
                "refs/heads/" + proposal.getString("branch")).strip());
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagement).then()
                .statusCode(200)
                .body("remote.url", equalTo("ssh://" + GitServer.USER + "@127.0.0.1:" + relay.port()
                        + GitServer.HOME + "/" + clientId + ".git"))
                .body("remote.inSync", equalTo(true))
                .body("remote.pendingSince", nullValue())
                .body("remote.lastPushAt", notNullValue()));
    }

    @Test
    void whenTheServerIsDownTheLocalCommitIsKeptAndTheSyncPushesItOnceTheServerIsBack() throws IOException {
        String clientId = newClientId();
        GitServer.initRepository(clientId);
        UUID engagement = ProposalTest.engagementWithAgent(clientId, "Client " + clientId,
                AgentDefinitionTest.ANSWERS).engagementId();
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagement).then().body("remote.inSync", equalTo(true)));
        String created = GitServer.git(clientId, "rev-parse", "main").strip();

        relay.cut();
        JsonPath proposal = ProposalTest.propose(engagement, Tokens.engineer());
        String branch = "refs/heads/" + proposal.getString("branch");
        try (Repository local = ProposalTest.openBare(clientId)) {
            assertEquals(proposal.getString("commit"), local.resolve(branch).name(), "the local commit is kept");
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagement).then()
                .body("remote.inSync", equalTo(false))
                .body("remote.pendingSince", notNullValue())
                .body("remote.failedAttempts", greaterThanOrEqualTo(1))
                .body("remote.nextAttemptAt", notNullValue())
                .body("remote.lastError", containsString("cannot be reached")));
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/repository/sync", engagement)
                .then(), 503, "git-remote-unavailable")
                .body("detail", startsWith("the git server of ssh://" + GitServer.USER + "@127.0.0.1:" + relay.port()));
        assertFalse(GitServer.git(clientId, "for-each-ref", "--format=%(refname)").contains(branch),
                "nothing reached the server");
        assertEquals(created, GitServer.git(clientId, "rev-parse", "main").strip());

        relay.restore();
        given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/repository/sync", engagement).then()
                .statusCode(200).body("inSync", equalTo(true)).body("lastError", nullValue());
        assertEquals(proposal.getString("commit"), GitServer.git(clientId, "rev-parse", branch).strip());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", engagement).then()
                .body("remote.inSync", equalTo(true)).body("remote.failedAttempts", equalTo(0));
    }

    @Test
    void aServerThatDoesNotHoldTheRepositoryRefusesClearlyAndTheNextChangePushesEverything() {
        String clientId = newClientId();
        UUID engagement = ProposalTest.engagementWithAgent(clientId, "Client " + clientId,
                AgentDefinitionTest.ANSWERS).engagementId();
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/engagements/{id}/repository/sync", engagement)
                .then(), 502, "git-remote-refused")
                .body("detail", containsString(clientId + ".git"));

        GitServer.initRepository(clientId);
        String commit = ProposalTest.propose(engagement, Tokens.engineer()).getString("commit");
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(GitServer.git(clientId, "for-each-ref",
                "--format=%(objectname)").contains(commit), "the proposal went out with the next change"));
        assertEquals(2, GitServer.git(clientId, "for-each-ref", "refs/heads").lines().count(), "main and the proposal");
    }

    @Test
    void onlyStaffAndServicesSyncAndAnUnknownEngagementIsNotFound() {
        assertProblem(given().auth().oauth2(Tokens.client("anyone")).post("/engagements/{id}/repository/sync",
                UUID.randomUUID()).then(), 403, "forbidden");
        assertProblem(given().post("/engagements/{id}/repository/sync", UUID.randomUUID()).then(), 401,
                "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.service()).post("/engagements/{id}/repository/sync",
                UUID.randomUUID()).then(), 404, "not-found");
    }
}
