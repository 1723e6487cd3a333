package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.git.Author;
import io.lobsterops.agentconfig.git.GitProposals;
import io.lobsterops.agentconfig.persistence.RepositoryLock;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Git and the database are two stores: a git write whose transaction fails must not stay behind, and two writers of
 * one client repository — two replicas of the service — must take turns. Against the real PostgreSQL and git.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RepositoryWriteSafetyTest {

    @Inject
    GitProposals git;

    static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    static UUID engagementWithAgent(String clientId) {
        return ProposalTest.engagementWithAgent(clientId, "Client " + clientId, AgentDefinitionTest.ANSWERS)
                .engagementId();
    }

    static Set<String> proposalBranches(Repository repo) throws IOException {
        return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + "proposals/").stream()
                .map(ref -> ref.getName()).collect(Collectors.toSet());
    }

    static RevCommit commit(Repository repo, String id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(repo.resolve(id));
        }
    }

    @Test
    void aProposalWhoseTransactionFailsLeavesNoBranchHereNorOnTheRemote() throws Exception {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId);
        String trigger = "refuse_" + clientId.replace('-', '_');
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.execute("create or replace function test_refuse_proposal() returns trigger language plpgsql as "
                    + "$$ begin raise exception 'the test refuses this proposal'; end $$");
            sql.execute("create trigger " + trigger + " before insert on proposal for each row when "
                    + "(new.engagement_id = '" + engagement + "') execute function test_refuse_proposal()");
        }
        try {
            assertProblem(given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/agent/proposals",
                    engagement).then(), 500, "internal");
        } finally {
            try (Connection db = database(); Statement sql = db.createStatement()) {
                sql.execute("drop trigger " + trigger + " on proposal");
            }
        }
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/agent/proposals", engagement).then()
                .body("", hasSize(0));
        try (Repository local = ProposalTest.openBare(clientId)) {
            assertEquals(Set.of(), proposalBranches(local), "the branch was discarded");
        }
        // what committed (the repository's creation) reaches the server; the proposal that did not commit never does
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            try (Repository local = ProposalTest.openBare(clientId);
                    Repository remote = ProposalTest.openBare(clientId, "lobsterops.git.remote.url")) {
                assertEquals(local.resolve("refs/heads/main"), remote.resolve("refs/heads/main"));
            }
        });
        try (Repository remote = ProposalTest.openBare(clientId, "lobsterops.git.remote.url")) {
            assertEquals(Set.of(), proposalBranches(remote), "nothing of the proposal was pushed");
        }

        JsonPath proposal = ProposalTest.propose(engagement, Tokens.engineer());
        assertEquals(1, proposal.getInt("number"), "the number the failed attempt did not take");
        try (Repository local = ProposalTest.openBare(clientId)) {
            assertEquals(local.resolve("refs/heads/main"), commit(local, proposal.getString("commit")).getParent(0),
                    "the proposal starts from main");
        }
    }

    @Test
    void anOrphanBranchLeftByACrashIsStartedAgainFromMain() throws Throwable {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId);
        String branch = "proposals/" + engagement.toString().substring(0, 8) + "-1";
        // what a process that died between its git write and its commit leaves: a branch no proposal knows
        String orphan = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> git.propose(clientId, branch,
                Map.of("workspace/ORPHAN.md", "left behind"), Author.user("ghost", Instant.now()), "Orphan")).commit();

        JsonPath proposal = ProposalTest.propose(engagement, Tokens.engineer());
        assertEquals(branch, proposal.getString("branch"));
        try (Repository local = ProposalTest.openBare(clientId)) {
            RevCommit proposed = commit(local, proposal.getString("commit"));
            assertEquals(local.resolve("refs/heads/main"), proposed.getParent(0), "not on top of the orphan");
            assertFalse(proposed.name().equals(orphan));
            assertNull(TreeWalk.forPath(local, "workspace/ORPHAN.md", proposed.getTree()), "nothing of the orphan");
        }
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            try (Repository remote = ProposalTest.openBare(clientId, "lobsterops.git.remote.url")) {
                assertEquals(proposal.getString("commit"), remote.resolve("refs/heads/" + branch).name(),
                        "the remote's orphan was replaced too");
            }
        });
    }

    @Test
    void aWriterWaitsWhileAnotherReplicaHoldsTheClientsRepositoryLock() throws Exception {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId);
        CompletableFuture<Integer> proposing;
        try (Connection replica = database()) {
            replica.setAutoCommit(false);
            try (PreparedStatement lock = replica.prepareStatement(
                    "select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, RepositoryLock.KEY_PREFIX + clientId);
                lock.execute();
            }
            proposing = CompletableFuture.supplyAsync(() -> given().auth().oauth2(Tokens.engineer())
                    .post("/engagements/{id}/agent/proposals", engagement).then().extract().statusCode());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                try (Repository local = ProposalTest.openBare(clientId)) {
                    return !proposing.isDone() && proposalBranches(local).isEmpty();
                }
            });
            replica.commit();
        }
        await().atMost(PATIENCE).until(proposing::isDone);
        assertEquals(201, proposing.join());
    }

    @Test
    void twoProposalsAtOnceTakeTurnsAndGetTwoNumbersAndTwoBranches() throws IOException {
        String clientId = newClientId();
        UUID engagement = engagementWithAgent(clientId);
        List<CompletableFuture<JsonPath>> both = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> given().auth().oauth2(Tokens.engineer())
                        .post("/engagements/{id}/agent/proposals", engagement).then().statusCode(201).extract()
                        .jsonPath()))
                .toList();
        Set<Integer> numbers = both.stream().map(f -> f.join().getInt("number")).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2), numbers);
        try (Repository local = ProposalTest.openBare(clientId)) {
            assertEquals(2, proposalBranches(local).size());
            for (CompletableFuture<JsonPath> proposal : both) {
                assertEquals(local.resolve("refs/heads/main"), commit(local, proposal.join().getString("commit"))
                        .getParent(0));
            }
        }
        assertTrue(both.stream().allMatch(CompletableFuture::isDone));
    }
}
