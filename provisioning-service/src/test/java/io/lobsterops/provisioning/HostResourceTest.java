package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class HostResourceTest {

    @Inject
    io.vertx.mutiny.pgclient.PgPool database;

    @Inject
    io.lobsterops.provisioning.fleet.host.HostService hostService;

    @Inject
    io.lobsterops.provisioning.fleet.ssh.SshClients ssh;

    @BeforeAll
    static void startTestHost() {
        TestHost.start();
    }

    /** Registers a host at the test sshd under a unique login-user alias: same machine, new key pair. */
    static Response register(String kind, int capacity) {
        return register(kind, capacity, TestHost.PORT);
    }

    static Response register(String kind, int capacity, int port) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "test host " + UUID.randomUUID(),
                "address", TestHost.ADDRESS, "sshPort", port, "loginUser", TestHost.USER, "kind", kind,
                "capacity", capacity, "region", "local"));
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body).post("/hosts");
    }

    /** A registered host whose public key is authorized on the test host, not trusted yet. */
    static UUID authorizedHost(String kind, int capacity) {
        Response response = register(kind, capacity);
        response.then().statusCode(201);
        TestHost.authorize(response.path("publicKey"));
        return UUID.fromString(response.path("id"));
    }

    static UUID trustedHost(String kind, int capacity) {
        UUID id = authorizedHost(kind, capacity);
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", TestHost.fingerprint())).post("/hosts/{id}/trust", id)
                .then().statusCode(200).body("status", equalTo("TRUSTED"));
        return id;
    }

    @Test
    void registeringAHostAnswersItsPublicKeyAndNeverItsPrivateKey() {
        Response response = register("SHARED", 2);
        response.then().statusCode(201)
                .header("Location", containsString("/hosts/"))
                .body("publicKey", startsWith("ssh-ed25519 "))
                .body("status", equalTo("UNTRUSTED"))
                .body("capacity", equalTo(2))
                .body("registeredBy", equalTo("eric"))
                .body(not(containsString("PRIVATE")))
                .body("privateKey", nullValue())
                .body("privateKeySealed", nullValue());
        UUID id = UUID.fromString(response.path("id"));
        given().auth().oauth2(Tokens.supervisor()).get("/hosts/{id}", id).then().statusCode(200)
                .body(not(containsString("PRIVATE"))).body("capacityUsed", equalTo(0))
                .body("capacityEffective", equalTo(2));   // no facts yet: the declared capacity stands
    }

    @Test
    void theSshPrivateKeyIsEncryptedAtRest() {
        UUID id = UUID.fromString(register("SHARED", 1).then().statusCode(201).extract().path("id"));
        String stored = database.preparedQuery("select private_key_sealed from host where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString(0);
        org.junit.jupiter.api.Assertions.assertTrue(stored.startsWith("v1:"), stored);
        org.junit.jupiter.api.Assertions.assertFalse(stored.contains("OPENSSH"), "private key stored in clear");
    }

    @Test
    void trustingTheExpectedHostKeyPinsItAndGathersFacts() {
        UUID id = authorizedHost("SHARED", 2);
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", TestHost.fingerprint())).post("/hosts/{id}/trust", id)
                .then().statusCode(200)
                .body("status", equalTo("TRUSTED"))
                .body("trustMode", equalTo("EXPECTED"))
                .body("trustedBy", equalTo("eric"))
                .body("hostKeyFingerprint", equalTo(TestHost.fingerprint()))
                .body("facts.os", containsString("Debian"))
                .body("facts.cpus", greaterThan(0))
                .body("facts.memoryMb", greaterThan(1000))
                .body("facts.freeDiskMb", greaterThan(1000))
                .body("facts.gatheredAt", notNullValue());
        given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", id).then().statusCode(200)
                .body("facts.kernel", startsWith("Linux"));
    }

    @Test
    void aHostKeyGivenAtRegistrationIsPinnedAtOnceAndAnotherKeyIsRefusedAtFirstContact() {
        Response pinned = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "pinned at registration", "address", TestHost.ADDRESS, "sshPort", TestHost.PORT,
                        "loginUser", TestHost.USER, "kind", "SHARED", "capacity", 1,
                        "hostKeyFingerprint", TestHost.fingerprint()))
                .post("/hosts");
        pinned.then().statusCode(201).body("status", equalTo("TRUSTED")).body("trustMode", equalTo("EXPECTED"))
                .body("trustedBy", equalTo("eric")).body("hostKeyFingerprint", equalTo(TestHost.fingerprint()));
        TestHost.authorize(pinned.path("publicKey"));
        given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", pinned.path("id").toString()).then()
                .statusCode(200).body("facts.os", containsString("Debian"));

        Response wrong = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "pinned to another key", "address", TestHost.ADDRESS, "sshPort", TestHost.PORT,
                        "loginUser", TestHost.USER, "kind", "SHARED", "capacity", 1,
                        "hostKeyFingerprint", "SHA256:" + "B".repeat(43)))
                .post("/hosts");
        TestHost.authorize(wrong.then().statusCode(201).extract().path("publicKey"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", wrong.path("id").toString())
                .then(), 409, "host-key-changed");
    }

    @Test
    void trustOnFirstUseRecordsWhoAcceptedTheKey() {
        UUID id = authorizedHost("DEDICATED", 1);
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body("{}")
                .post("/hosts/{id}/trust", id).then().statusCode(200)
                .body("trustMode", equalTo("FIRST_USE"))
                .body("trustedBy", equalTo("sophie"))
                .body("hostKeyFingerprint", equalTo(TestHost.fingerprint()));
    }

    @Test
    void aWrongExpectedHostKeyIsRefusedAndNothingIsPinned() {
        UUID id = authorizedHost("SHARED", 1);
        String wrong = "SHA256:" + "A".repeat(43);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", wrong)).post("/hosts/{id}/trust", id).then(), 409, "host-key-mismatch")
                .body("detail", containsString(TestHost.fingerprint()));
        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", id).then().statusCode(200)
                .body("status", equalTo("UNTRUSTED")).body("hostKeyFingerprint", nullValue());
    }

    @Test
    void aChangedHostKeyRefusesEveryOperation() {
        UUID id = trustedHost("SHARED", 1);
        // the host now presents a key other than the pinned one
        database.preparedQuery("update host set host_key_fingerprint = $1 where id = $2")
                .execute(Tuple.of("SHA256:" + "B".repeat(43), id)).await().indefinitely();
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", id).then(), 409,
                "host-key-changed").body("detail", containsString(TestHost.fingerprint()));
        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", id).then().statusCode(200)
                .body("status", equalTo("HOST_KEY_CHANGED"))
                .body("presentedFingerprint", equalTo(TestHost.fingerprint()));
        // refused before any connection from now on
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", id).then(), 409,
                "host-key-changed");
        // an engineer cannot wave it through; a supervisor re-trusts after checking
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", TestHost.fingerprint())).post("/hosts/{id}/trust", id).then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", TestHost.fingerprint())).post("/hosts/{id}/trust", id).then()
                .statusCode(200).body("status", equalTo("TRUSTED"));
    }

    @Test
    void aHostThatDoesNotKnowTheKeyRefusesTheLogin() {
        UUID id = UUID.fromString(register("SHARED", 1).then().statusCode(201).extract().path("id"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body("{}")
                .post("/hosts/{id}/trust", id).then(), 502, "ssh-refused")
                .body("detail", containsString("authorized_keys"));
    }

    @Test
    void anUnreachableHostIsABadGateway() {
        UUID id = UUID.fromString(register("SHARED", 1, 1).then().statusCode(201).extract().path("id"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body("{}")
                .post("/hosts/{id}/trust", id).then(), 502, "host-unreachable");
    }

    @Test
    void operationsOnAnUntrustedHostAreRefused() {
        UUID id = authorizedHost("SHARED", 1);
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/facts", id).then(), 409,
                "host-not-trusted");
    }

    @Test
    void commandsReportExitStatusAndOutputAndAreCutOffAtTheirTimeout() throws Throwable {
        UUID id = trustedHost("SHARED", 1);
        io.lobsterops.provisioning.fleet.domain.Host host = io.quarkus.vertx.VertxContextSupport
                .subscribeAndAwait(() -> hostService.find(id));
        try (var connection = ssh.open(hostService.target(host))) {
            var result = connection.exec("echo out; echo err >&2; exit 3");
            org.junit.jupiter.api.Assertions.assertEquals(3, result.exitStatus());
            org.junit.jupiter.api.Assertions.assertEquals("out\n", result.stdout());
            org.junit.jupiter.api.Assertions.assertEquals("err\n", result.stderr());

            var fed = connection.exec("read -r secret; echo ${#secret}", "a-secret-on-stdin\n",
                    java.time.Duration.ofSeconds(10));
            org.junit.jupiter.api.Assertions.assertEquals("17", fed.stdout().strip());

            var slow = connection.exec("sleep 30", java.time.Duration.ofSeconds(1));
            org.junit.jupiter.api.Assertions.assertTrue(slow.timedOut());
            org.junit.jupiter.api.Assertions.assertFalse(slow.ok());
            org.junit.jupiter.api.Assertions.assertTrue(slow.took().toSeconds() < 10, slow.took().toString());
            org.junit.jupiter.api.Assertions.assertEquals("still usable\n", connection.exec("echo still usable").stdout());
        }
    }

    @Test
    void invalidHostsAreRefusedFieldByField() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "address", "evil; rm -rf /", "loginUser", "Root User", "kind", "SHARED",
                        "capacity", 0))
                .post("/hosts").then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "address", TestHost.ADDRESS, "loginUser", TestHost.USER, "kind", "SHARED",
                        "capacity", 1, "hostKeyFingerprint", "MD5:aa:bb"))
                .post("/hosts").then(), 400, "validation");
    }

    @Test
    void hostsAreStaffOnly() {
        assertProblem(given().auth().oauth2(Tokens.client("acme")).get("/hosts").then(), 403, "forbidden");
        assertProblem(given().get("/hosts").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
    }
}
