package io.lobsterops.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens signed by the in-process OIDC server ({@code quarkus-test-oidc-server}), shaped like the local
 * Keycloak's: {@code preferred_username}, roles in {@code groups}, and {@code client_id} for client users.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String supervisor() {
        return token("sophie", Set.of("supervisor"), Map.of());
    }

    /** A second supervisor, for four-eyes rules. */
    public static String otherSupervisor() {
        return token("samuel", Set.of("supervisor"), Map.of());
    }

    public static String engineer() {
        return token("eric", Set.of("engineer"), Map.of());
    }

    public static String service() {
        return token("svc-platform", Set.of("service"), Map.of());
    }

    /** A user of client {@code clientId} (e.g. {@code acme}). */
    public static String client(String clientId) {
        return token("user-of-" + clientId, Set.of("client"), Map.of("client_id", clientId));
    }

    /** A client-role token missing its {@code client_id} claim: must be refused. */
    public static String clientWithoutClaim() {
        return token("lost-client", Set.of("client"), Map.of());
    }

    /** A valid token with no LobsterOps role. */
    public static String noRole() {
        return token("visitor", Set.of(), Map.of());
    }

    /** A token whose signature does not verify. */
    public static String forged() {
        return forged(supervisor());
    }

    /** {@code token} with one character of its signature changed: the same claims, a signature that does not verify. */
    public static String forged(String token) {
        int lastDot = token.lastIndexOf('.');
        char last = token.charAt(lastDot + 5);
        return token.substring(0, lastDot + 5) + (last == 'A' ? 'B' : 'A') + token.substring(lastDot + 6);
    }

    /** A staff token of {@code user} with {@code roles} that expires {@code lifetime} from now. */
    public static String expiringIn(Duration lifetime, String user, Set<String> roles) {
        return Jwt.preferredUserName(user)
                .groups(roles)
                .issuer("https://server.example.com")
                .audience(Set.of("https://service.example.com"))
                .subject(user)
                .expiresIn(lifetime)
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    public static String token(String user, Set<String> roles, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken(user, roles, user, "Bearer",
                Set.of("https://service.example.com"), claims);
    }
}
