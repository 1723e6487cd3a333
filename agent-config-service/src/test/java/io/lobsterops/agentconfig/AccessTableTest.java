package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Problems;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * Who may read what in agent-config (issue 16, ADR 0044): one row per endpoint, one column per caller — supervisor,
 * engineer, a user of the engagement's client, a user of another client, no token — and the status each gets. The
 * agency's internals (git history and diffs, the repository, the unreviewed preview, proposals) answer a client 404 as
 * if they did not exist; the client's own views (its agent, its Agent Playbook, its training cycles) answer 200. This
 * table is the README's permission table for agent-config.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessTableTest {

    /** An engagement with an agent released once: client, engagement, proposal and release commit. */
    record Fixture(String clientId, UUID engagement, String proposal, String release, String first) {
    }

    private static Fixture fixture;

    static synchronized Fixture fixture() {
        if (fixture == null) {
            String clientId = newClientId();
            EngagementOpened opened = ProposalTest.engagementWithAgent(clientId, "Client " + clientId,
                    AgentDefinitionTest.ANSWERS);
            String proposal = ProposalTest.propose(opened.engagementId(), Tokens.engineer()).getString("id");
            String release = ProposalTest.approve(opened.engagementId(), proposal).getString("releaseCommit");
            String first = given().auth().oauth2(Tokens.engineer())
                    .get("/engagements/{id}/agent/versions", opened.engagementId()).then().statusCode(200)
                    .extract().path("[-1].id");
            fixture = new Fixture(clientId, opened.engagementId(), proposal, release, first);
        }
        return fixture;
    }

    /** endpoint (with {id}, {p}, {release}, {first}), accept, then supervisor, engineer, own client, other client, none. */
    static Stream<Arguments> table() {
        return Stream.of(
                row("/questionnaires/current", 200, 200, 200, 200, 401),
                row("/engagements/{id}/agent", 200, 200, 200, 404, 401),
                row("/engagements/{id}/discovery", 200, 200, 200, 404, 401),
                row("/engagements/{id}/agent/playbook", 200, 200, 200, 404, 401),
                row("/engagements/{id}/training-cycles", 200, 200, 200, 404, 401),
                row("/engagements/{id}/agent/versions", 200, 200, 404, 404, 401),
                row("/engagements/{id}/agent/versions/{first}/diff/{release}", 200, 200, 404, 404, 401),
                row("/engagements/{id}/repository", 200, 200, 404, 404, 401),
                row("/engagements/{id}/agent/preview", 200, 200, 404, 404, 401),
                row("/engagements/{id}/agent/proposals", 200, 200, 404, 404, 401),
                row("/engagements/{id}/agent/proposals/{p}", 200, 200, 404, 404, 401),
                row("/engagements/{id}/agent/schedule-changes", 200, 200, 403, 403, 401),
                row("/engagements/{id}/agent/regeneration", 200, 200, 403, 403, 401),
                row("/lint/terms", 200, 200, 403, 403, 401));
    }

    static Arguments row(String path, int supervisor, int engineer, int ownClient, int otherClient, int none) {
        return Arguments.of(path, List.of(supervisor, engineer, ownClient, otherClient, none));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("table")
    void eachCallerGetsWhatTheTableSays(String template, List<Integer> expected) {
        Fixture f = fixture();
        String path = template.replace("{id}", f.engagement().toString()).replace("{p}", f.proposal())
                .replace("{release}", f.release()).replace("{first}", f.first());
        List<String> tokens = List.of(Tokens.supervisor(), Tokens.engineer(), Tokens.client(f.clientId()),
                Tokens.client(newClientId()), "");
        List<String> callers = List.of("supervisor", "engineer", "own client", "other client", "no token");
        for (int i = 0; i < tokens.size(); i++) {
            RequestSpecification request = given().accept(path.endsWith("/playbook") ? "text/markdown"
                    : path.contains("/diff/") ? "text/x-diff" : "application/json");
            if (!tokens.get(i).isEmpty()) {
                request = request.auth().oauth2(tokens.get(i));
            }
            int status = expected.get(i);
            var response = request.get(path).then();
            try {
                response.statusCode(status);
            } catch (AssertionError e) {
                throw new AssertionError(callers.get(i) + " on GET " + template + ": " + e.getMessage(), e);
            }
            if (status >= 400) {
                response.contentType(startsWith(Problems.MEDIA_TYPE));
            }
        }
    }
}
