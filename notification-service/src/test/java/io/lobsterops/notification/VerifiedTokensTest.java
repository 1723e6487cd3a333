package io.lobsterops.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.security.VerifiedTokens;
import io.lobsterops.testkit.Tokens;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bearer token is verified once and then taken again until it expires (service-kit's VerifiedTokens, ADR 0067):
 * what the cache answers must be what verifying would — the roles still decide, a forged copy and an expired token
 * are refused.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    @Any
    Instance<IdentityProvider<?>> providers;

    @Inject
    VerifiedTokens verifiedTokens;

    /**
     * Asked before every other bearer-token provider, whatever order the build found them in: level with the OIDC
     * extension's provider, the order was the beans' and on some builds the cache was never asked.
     */
    @Test
    void theCacheStandsBeforeEveryOtherTokenProvider() {
        providers.stream()
                .filter(provider -> provider.getRequestType() == TokenAuthenticationRequest.class)
                .filter(provider -> !(provider instanceof VerifiedTokens))
                .forEach(provider -> assertTrue(verifiedTokens.priority() > provider.priority(),
                        () -> provider.getClass().getName() + " stands at " + provider.priority()
                                + ", level with or before the cache"));
        assertTrue(providers.stream().anyMatch(provider -> provider.getRequestType() == TokenAuthenticationRequest.class
                && !(provider instanceof VerifiedTokens)), "a provider that verifies bearer tokens");
    }

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

    /**
     * The counter as this application's Prometheus endpoint shows it. Not through the injected MeterRegistry: Quarkus
     * tests restart the application in one JVM when a test profile changes, and a counter first created by an earlier
     * instance is found there with the earlier instance's count while this one's requests count elsewhere.
     */
    private static double count(String outcome) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("lobsterops_verified_tokens_total{") && line.contains("outcome=\"" + outcome + "\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
