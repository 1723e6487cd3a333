package io.lobsterops.kit.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, and which client's rows they may see. Staff (supervisor, engineer, service) see every client; a
 * {@code client} user sees only the client named by its token's {@code client_id} claim. Repositories apply the
 * scope in their queries, so another client's row answers 404 as if it did not exist.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The caller's user name (preferred_username), for audit fields and git authors. */
    public String name() {
        String preferred = token == null ? null : token.getClaim("preferred_username");
        if (preferred != null && !preferred.isBlank()) {
            return preferred;
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String email() {
        String email = token == null ? null : token.getClaim("email");
        return email == null || email.isBlank() ? name() + "@users.lobsterops.local" : email;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public boolean isStaff() {
        return is(Roles.SUPERVISOR) || is(Roles.ENGINEER) || is(Roles.SERVICE);
    }

    /**
     * Refuses a client user with 404, exactly as if the resource did not exist: for the agency's internals (git
     * history, raw diffs, drafts, provisioning runs, gateway internals) that no client sees (ADR 0044).
     */
    public void staffOnly() {
        if (!isStaff()) {
            clientScope(); // a client token without its client_id claim stays a 403
            throw new io.lobsterops.kit.api.ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND,
                    "No resource at this path.");
        }
    }

    /**
     * The client whose rows the caller may see: empty for staff (all clients), the {@code client_id} claim for a
     * client user. A client token without that claim is refused.
     */
    public Optional<String> clientScope() {
        if (isStaff()) {
            return Optional.empty();
        }
        Object claim = token == null ? null : token.getClaim(Roles.CLIENT_ID_CLAIM);
        if (claim == null || claim.toString().isBlank()) {
            throw new ForbiddenException("client token without a client_id claim");
        }
        return Optional.of(claim.toString().replace("\"", ""));
    }
}
