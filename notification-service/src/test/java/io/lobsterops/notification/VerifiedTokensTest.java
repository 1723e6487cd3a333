package io.lobsterops.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bearer token is verified once and then taken again until it expires (service-kit's VerifiedTokens, ADR 0067):
 * what the cache answers must be what verifying would — the roles still decide, a forged copy and an expired token
 * are refused.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aTokenIsVerifiedOnceThenTakenAgain() {
        String token = Tokens.token("vera-" + System.nanoTime(), Set.of("engineer"), Map.of());
        double hits = count("hit");
        double misses = count("miss");

        read(token, 200);
        read(token, 200);
        read(token, 200);

        assertEquals(1, count("miss") - misses, "verified once");
        assertEquals(2, count("hit") - hits, "taken again twice");
    }

    @Test
    void aKeptTokenKeepsItsRoles() {
        String client = Tokens.client("acme");
        read(client, 403);
        read(client, 403);
        read(Tokens.noRole(), 403);
    }

    @Test
    void aForgedCopyOfAKeptTokenIsRefused() {
        String genuine = Tokens.supervisor();
        read(genuine, 200);
        read(Tokens.forged(genuine), 401);
        read(genuine, 200);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasKept() {
        String shortLived = Tokens.expiringIn(Duration.ofSeconds(2), "brief-" + System.nanoTime(), Set.of("engineer"));
        read(shortLived, 200);
        read(shortLived, 200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> status(shortLived) == 401);
    }

    @Test
    void noTokenIsStillRefused() {
        given().get("/deliveries?size=1").then().statusCode(401);
    }

    private static void read(String token, int status) {
        assertEquals(status, status(token));
    }

    private static int status(String token) {
        return given().auth().oauth2(token).get("/deliveries?size=1").statusCode();
    }

    private double count(String outcome) {
        var counter = registry.find("lobsterops_verified_tokens_total").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
