package io.lobsterops.notification.api;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.notification.digest.MorningDigest;
import io.smallrye.common.annotation.RunOnVirtualThread;

@Path("/digest")
@Tag(name = "Digest", description = "The morning digest")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class DigestResource {

    private final MorningDigest digest;

    public DigestResource(MorningDigest digest) {
        this.digest = digest;
    }

    @POST
    @Path("run")
    @RunOnVirtualThread
    @Operation(summary = "Writes the morning digest now and sends it to everyone on duty")
    public MorningDigest.Digest run() {
        try {
            return digest.run();
        } catch (SQLException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The digest could not be written; try again.");
        }
    }
}
