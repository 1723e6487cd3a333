package io.lobsterops.provisioning.hardening;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.testkit.BadInput;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * The bad-input table (issue 16, ADR 0043): every way a request body or parameter can be wrong answers a 4xx
 * {@code application/problem+json} naming what is wrong, with a bounded detail — never a 500, an empty body or a
 * coerced value stored.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class BadInputTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static String engagement(String clientIdJson, String clientNameJson) {
        return "{\"clientId\":" + clientIdJson + ",\"clientName\":" + clientNameJson + "}";
    }

    static String host(String sshPortJson, String capacityJson, String nameJson) {
        return "{\"name\":" + nameJson + ",\"address\":\"127.0.0.1\",\"sshPort\":" + sshPortJson
                + ",\"loginUser\":\"lobster-host\",\"kind\":\"SHARED\",\"capacity\":" + capacityJson
                + ",\"region\":\"local\"}";
    }

    static String slug() {
        return "\"bi-" + UUID.randomUUID().toString().substring(0, 8) + "\"";
    }

    static String rename(String nameJson) {
        return "{\"name\":" + nameJson + ",\"reason\":\"a typo at opening\"}";
    }

    /** path, body, field named in the detail. */
    static Stream<Arguments> wrongBodies() {
        return Stream.of(
                Arguments.of("a boolean for a text", "/engagements", engagement(slug(), "true"), "clientName"),
                Arguments.of("a number for a text", "/engagements", engagement("42", "\"Acme\""), "clientId"),
                Arguments.of("an object for a text", "/engagements", engagement(slug(), "{\"a\":1}"), "clientName"),
                Arguments.of("a string for a port", "/hosts", host("\"3\"", "2", "\"bad host\""), "sshPort"),
                Arguments.of("a fraction for a count", "/hosts", host("22", "1.5", "\"bad host\""), "capacity"),
                Arguments.of("a boolean for a count", "/hosts", host("22", "true", "\"bad host\""), "capacity"),
                Arguments.of("a NUL character", "/engagements", engagement(slug(), "\"Ac\\u0000me\""), "clientName"),
                Arguments.of("an escape character", "/engagements", engagement(slug(), "\"\\u001b[31mAcme\""), "clientName"),
                Arguments.of("a carriage return", "/hosts", host("22", "2", "\"bad\\rhost\""), "name"),
                Arguments.of("a right-to-left override", "/engagements", engagement(slug(), "\"Acme\u202Egnp.exe\""),
                        "clientName"),
                Arguments.of("a bidirectional isolate", "/engagements", engagement(slug(), "\"Acme\u2067x\""), "clientName"),
                Arguments.of("a key given twice", "/engagements",
                        "{\"clientId\":" + slug() + ",\"clientName\":\"A\",\"clientName\":\"B\"}", "clientName"),
                Arguments.of("a number for a client's new name", "PUT /clients/{client}/name", rename("42"), "name"),
                Arguments.of("a boolean for a client's new name", "PUT /clients/{client}/name", rename("false"), "name"),
                Arguments.of("a NUL in a client's new name", "PUT /clients/{client}/name", rename("\"Ac\\u0000me\""),
                        "name"),
                Arguments.of("a right-to-left override in a client's new name", "PUT /clients/{client}/name",
                        rename("\"Acme\u202Egnp.exe\""), "name"),
                Arguments.of("an array for an archive's reason", "POST /clients/{client}/archive",
                        "{\"reason\":[\"mistake\"]}", "reason"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongBodies")
    void aWrongBodyIsABadRequestNamingTheField(String what, String target, String body, String field) {
        String method = target.contains(" ") ? target.substring(0, target.indexOf(' ')) : "POST";
        String path = target.substring(target.indexOf(' ') + 1);
        path = path.contains("{client}") ? path.replace("{client}", client()) : path;
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).request(method, path).then(), 400, "malformed-request")
                .body("detail", containsString(field));
    }

    private static String client;

    /** A client to correct (only a supervisor may, so the table's bodies are sent with a supervisor's token). */
    static synchronized String client() {
        if (client == null) {
            client = "bi-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(engagement("\"" + client + "\"", "\"Bad Input\"")).post("/engagements").then().statusCode(201);
        }
        return client;
    }

    static io.restassured.response.Response registerWithInstallDir(String installDir) {
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(java.util.Map.of("name", "install dir " + UUID.randomUUID(), "address", "127.0.0.1",
                        "sshPort", 2222, "loginUser", "lobster-host", "kind", "SHARED", "capacity", 1,
                        "installDir", installDir))
                .post("/hosts");
    }

    @Test
    void anInstallDirOutsideTheAllowedRootsIsABadRequest() {
        for (String outside : new String[] { "/etc", "../../..", "/opt/lobsterops/x/../../../etc", "..", "/home",
                "a/../../b" }) {
            assertProblem(registerWithInstallDir(outside).then(), 400, "validation")
                    .body("violations.field", hasItem("installDir"));
        }
        registerWithInstallDir("/opt/lobsterops/agents/./x/..").then().statusCode(201)
                .body("installDir", org.hamcrest.Matchers.equalTo("/opt/lobsterops/agents"));
        registerWithInstallDir(".lobsterops/./current").then().statusCode(201)
                .body("installDir", org.hamcrest.Matchers.equalTo(".lobsterops/current"));
    }

    @Test
    void theStreamOfAnUnknownRunIsANotFound() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).accept("text/event-stream")
                .get("/provisioning-runs/{id}/events", UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client("anyone")).accept("text/event-stream")
                .get("/provisioning-runs/{id}/events", UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().accept("text/event-stream")
                .get("/provisioning-runs/{id}/events", UUID.randomUUID()).then(), 401, "unauthorized");
    }

    @Test
    void newlineAndTabStayAllowedInText() {
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(engagement(slug(), "\"Acme\\tIndustries\""))
                .post("/engagements").then().statusCode(201);
    }

    @Test
    void aHugeBadEnumValueIsNotEchoedWhole() {
        String huge = "X".repeat(100_000);
        String detail = assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"stage\":\"" + huge + "\"}").post("/engagements/{id}/stage", UUID.randomUUID()).then(),
                400, "malformed-request")
                .body("detail", containsString("stage"))
                .extract().path("detail");
        assertThat(detail.length(), lessThan(500));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestNotANotFound() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", "abc").get("/engagements").then(),
                400, "validation").body("violations.field", hasItem("size"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("stage", "BOGUS").get("/engagements").then(),
                400, "validation").body("violations.field", hasItem("stage"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("stage", "Y".repeat(3000))
                .get("/engagements").then(), 400, "validation").body("detail.length()", lessThan(500));
    }

    @Test
    void aControlCharacterInAQueryParameterIsABadRequest() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).urlEncodingEnabled(false)
                .get("/engagements?q=a%00b").then(), 400, "validation").body("detail", containsString("q"));
    }

    @Test
    void aMalformedIdInThePathStaysANotFound() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/not-a-uuid").then(), 404, "not-found");
    }

    @Test
    void anOverLongUriIsA414Problem() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/" + "a".repeat(5000)).then(),
                414, "uri-too-long");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws IOException {
        String response = BadInput.raw(port, "POST /engagements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + Tokens.engineer() + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{");
        assertThat(response, allOf(startsWith("HTTP/1.1 413"), containsString("application/problem+json"),
                containsString("https://lobsterops.io/problems/payload-too-large")));
    }
}
