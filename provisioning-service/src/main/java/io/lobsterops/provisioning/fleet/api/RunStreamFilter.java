package io.lobsterops.provisioning.fleet.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.fleet.run.ProvisioningService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * An SSE response is committed (200) before its first item, so the stream of a run that does not exist answered
 * 200 and closed (issue 16). For staff, this filter looks the run up before the stream starts: an unknown run is a
 * 404 problem. A client never gets a run (RunResource refuses it with 404 itself, ADR 0044); a caller without a
 * valid token is left to the security check (401).
 */
public class RunStreamFilter {

    private final ProvisioningService provisioning;
    private final CurrentIdentityAssociation identities;

    public RunStreamFilter(ProvisioningService provisioning, CurrentIdentityAssociation identities) {
        this.provisioning = provisioning;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> runMustExistBeforeItsStream(SimpleResourceInfo resource, UriInfo uri) {
        if (resource == null || resource.getResourceClass() != RunResource.class
                || !"stream".equals(resource.getMethodName())) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (RuntimeException malformed) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().chain(identity -> {
            boolean staff = identity.hasRole(Roles.SUPERVISOR) || identity.hasRole(Roles.ENGINEER)
                    || identity.hasRole(Roles.SERVICE);
            return staff ? provisioning.view(id, Optional.empty()).replaceWith((Response) null)
                    : Uni.createFrom().nullItem();
        });
    }
}
