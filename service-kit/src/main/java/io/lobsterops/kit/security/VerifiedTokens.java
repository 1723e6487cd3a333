package io.lobsterops.kit.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lobsterops.kit.config.TokenCacheConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens verified once, then taken again until they expire (ADR 0067). The OIDC extension checks a token's
 * RS256 signature and claims on every request; a client sends the same token for minutes, and that check was a third
 * of the CPU of an authenticated read. This provider stands first in line for bearer tokens: a token it has seen
 * verified answers the identity built then (with this request's routing context); any other goes to the OIDC
 * provider, and its identity is kept until the token's own {@code exp} or {@code max-age}, whichever comes first.
 * <p>
 * The key is the whole token, so a token differing in one character (a forged signature) is verified on its own and
 * refused; an expired token is never answered from here. What a verified token proves does not change before its
 * expiry (its claims are signed; JWTs are not revoked before then), so the cache grants nothing the check would not.
 * Identity augmentation (roles mapping and the like) still runs on every request, after this provider.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();
    private static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    private final Instance<IdentityProvider<?>> providers;
    private final TokenCacheConfig config;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private volatile IdentityProvider<TokenAuthenticationRequest> verifier;

    public VerifiedTokens(@Any Instance<IdentityProvider<?>> providers, TokenCacheConfig config,
            MeterRegistry registry) {
        this.providers = providers;
        this.config = config;
        this.clock = Clock.systemUTC();
        this.hits = registry.counter("lobsterops_verified_tokens_total", "outcome", "hit");
        this.misses = registry.counter("lobsterops_verified_tokens_total", "outcome", "miss");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Strictly before every other provider of bearer tokens. The OIDC extension's provider keeps the interface's
     * default priority ({@code SYSTEM_FIRST + 1}); standing level with it left the order to the order the beans were
     * found in, which varies between builds — when OIDC came first this cache was never asked.
     */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        IdentityProvider<TokenAuthenticationRequest> next = verifier();
        if (!config.enabled() || next == null) {
            return next == null ? Uni.createFrom().nullItem() : next.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.until())) {
            hits.increment();
            return Uni.createFrom().item(forThisRequest(known.identity(), request));
        }
        if (known != null) {
            verified.remove(token, known);
        }
        misses.increment();
        return next.authenticate(request, context).invoke(identity -> keep(token, identity, now));
    }

    private void keep(String token, SecurityIdentity identity, Instant now) {
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        Instant until = now.plus(config.maxAge());
        Instant expires = expiry(identity);
        if (expires == null) {
            return;   // a token without exp is verified every time
        }
        if (expires.isBefore(until)) {
            until = expires;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (verified.size() >= config.maxEntries()) {
            verified.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (verified.size() >= config.maxEntries()) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(identity, until));
    }

    private static Instant expiry(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return Instant.ofEpochSecond(jwt.getExpirationTime());
        }
        return identity.getAttribute(EXPIRE_TIME) instanceof Long seconds && seconds > 0
                ? Instant.ofEpochSecond(seconds) : null;
    }

    /** The kept identity, carrying this request's routing context instead of the one it was verified on. */
    private static SecurityIdentity forThisRequest(SecurityIdentity kept, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(kept.getPrincipal())
                .addRoles(kept.getRoles())
                .addCredentials(kept.getCredentials())
                .setAnonymous(false);
        kept.getAttributes().forEach((name, value) -> {
            if (!ROUTING_CONTEXT.equals(name) && !REQUEST_CONTEXT.equals(name)) {
                identity.addAttribute(name, value);
            }
        });
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(ROUTING_CONTEXT, routing);
        }
        return identity.build();
    }

    /** The provider that verifies bearer tokens: the highest-priority one other than this. */
    @SuppressWarnings("unchecked")
    private IdentityProvider<TokenAuthenticationRequest> verifier() {
        IdentityProvider<TokenAuthenticationRequest> found = verifier;
        if (found == null) {
            found = (IdentityProvider<TokenAuthenticationRequest>) providers.stream()
                    .filter(provider -> !(provider instanceof VerifiedTokens))
                    .filter(provider -> provider.getRequestType() == TokenAuthenticationRequest.class)
                    .max(Comparator.comparingInt(IdentityProvider::priority))
                    .orElse(null);
            verifier = found;
        }
        return found;
    }

    private record Verified(SecurityIdentity identity, Instant until) {
    }
}
