package io.lobsterops.provisioning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.testkit.Problems;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may read what in provisioning (issue 16, ADR 0044): endpoint × supervisor, engineer, the engagement's client,
 * another client, no token → status. The client's views (its engagement, timeline, checklist, stage history) answer
 * 200; the agency's hosts are 403 to a client; a run or gateway the caller may not see is 404 (the rows with a real
 * run and gateway, where the client's own is 404 too, are in GatewayProvisioningTest, which places real gateways).
 * A client is staff's to list and a supervisor's to correct (ADR 0059): its user reads only its own; a row starting
 * with a method other than GET sends a valid body (the same name again, so nothing changes; the archive is 409 while
 * the engagement is open).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessTableTest {

    private static String clientId;
    private static UUID engagement;

    static synchronized void fixture() {
        if (engagement == null) {
            clientId = EngagementResourceTest.newClientId();
            engagement = EngagementResourceTest.open(Tokens.engineer(), clientId, "Access " + clientId);
        }
    }

    /** path, then supervisor, engineer, own client, other client, no token. */
    static Stream<Arguments> table() {
        return Stream.of(
                row("/engagements/{id}", 200, 200, 200, 404, 401),
                row("/engagements/{id}/timeline", 200, 200, 200, 404, 401),
                row("/engagements/{id}/checklist", 200, 200, 200, 404, 401),
                row("/engagements/{id}/history", 200, 200, 200, 404, 401),
                row("/engagements/{id}/gateway", 404, 404, 404, 404, 401),
                row("/hosts", 200, 200, 403, 403, 401),
                row("/clients", 200, 200, 403, 403, 401),
                row("/clients/{client}", 200, 200, 200, 404, 401),
                row("/clients/{unknown}", 404, 404, 404, 404, 401),
                row("PUT /clients/{client}/name", 200, 403, 403, 403, 401),
                row("POST /clients/{client}/archive", 409, 403, 403, 403, 401),
                row("/provisioning-runs/{unknown}", 404, 404, 404, 404, 401),
                row("/gateways/{unknown}", 404, 404, 404, 404, 401));
    }

    static Arguments row(String path, int supervisor, int engineer, int ownClient, int otherClient, int none) {
        return Arguments.of(path, List.of(supervisor, engineer, ownClient, otherClient, none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerGetsWhatTheTableSays(String template, List<Integer> expected) {
        fixture();
        String method = template.contains(" ") ? template.substring(0, template.indexOf(' ')) : "GET";
        String path = template.substring(template.indexOf(' ') + 1).replace("{id}", engagement.toString())
                .replace("{client}", clientId).replace("{unknown}", UUID.randomUUID().toString());
        List<String> tokens = List.of(Tokens.supervisor(), Tokens.engineer(), Tokens.client(clientId),
                Tokens.client(EngagementResourceTest.newClientId()), "");
        List<String> callers = List.of("supervisor", "engineer", "own client", "other client", "no token");
        for (int i = 0; i < tokens.size(); i++) {
            RequestSpecification request = given();
            if (!tokens.get(i).isEmpty()) {
                request = request.auth().oauth2(tokens.get(i));
            }
            if (!method.equals("GET")) {
                request = request.contentType(ContentType.JSON)
                        .body(Map.of("name", "Access " + clientId, "reason", "access table check"));
            }
            var response = request.request(method, path).then();
            try {
                response.statusCode(expected.get(i));
            } catch (AssertionError e) {
                throw new AssertionError(callers.get(i) + " on " + template + ": " + e.getMessage(), e);
            }
            if (expected.get(i) >= 400) {
                response.contentType(startsWith(Problems.MEDIA_TYPE));
            }
        }
    }
}
