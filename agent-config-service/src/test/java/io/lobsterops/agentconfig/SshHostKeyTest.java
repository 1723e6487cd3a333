package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.lobsterops.agentconfig.TestEngagements.openedAndAwaited;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.support.GitServer;
import io.lobsterops.agentconfig.support.GitServerResource;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The service pinned another host key than the one the git server presents (key and known hosts given inline): it
 * must refuse to talk to that server, say so, and keep working on its local repository.
 */
@QuarkusTest
@TestProfile(SshHostKeyTest.WrongHostKey.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SshHostKeyTest {

    public static class WrongHostKey implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitServerResource.class, Map.of("hostKey", "wrong", "inline",
                    "true")));
        }
    }

    @Test
    void aServerPresentingAnotherHostKeyIsRefusedAndTheLocalRepositoryIsIntact() throws IOException {
        String clientId = newClientId();
        GitServer.initRepository(clientId);
        UUID engagement = openedAndAwaited(clientId, "Client " + clientId).engagementId();
        String fingerprint = TestHost.script("fingerprint").strip();

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", engagement).then()
                .statusCode(200)
                .body("commits.size()", equalTo(1))
                .body("remote.inSync", equalTo(false))
                .body("remote.lastError", containsString("not the pinned one")));
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/engagements/{id}/repository/sync", engagement)
                .then(), 502, "git-host-key-rejected")
                .body("detail", containsString(fingerprint))
                .body("detail", containsString("nothing was pushed"));
        assertEquals("", GitServer.git(clientId, "for-each-ref").strip(), "the server received nothing");
        assertEquals(1, ClientRepositoryTest.mainHistory(clientId).size(), "the local repository is intact");
        assertTrue(ClientRepositoryTest.fileOnMain(clientId, "README.md").contains(engagement.toString()));
    }
}
