package io.lobsterops.provisioning.fleet.termination;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.smallrye.mutiny.Uni;

@jakarta.ws.rs.Path("/terminations")
@Tag(name = "Terminations", description = "The end of an agent: archive, deletion and its certificate (runbook §5)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT })
public class TerminationsResource {

    static final String PDF = "application/pdf";
    static final String ZIP = "application/zip";

    private final TerminationService terminations;
    private final TerminationRunner runner;
    private final ArchiveStore store;
    private final Blocking blocking;
    private final Caller caller;

    public TerminationsResource(TerminationService terminations, TerminationRunner runner, ArchiveStore store,
            Blocking blocking, Caller caller) {
        this.terminations = terminations;
        this.runner = runner;
        this.store = store;
        this.blocking = blocking;
        this.caller = caller;
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @Operation(summary = "A termination and its steps (staff)")
    public Uni<TerminationView> get(@PathParam("id") UUID id) {
        staffOnly(id);
        return terminations.find(id, caller.clientScope()).map(TerminationView::from);
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Run a FAILED termination again from its failed step")
    public Uni<TerminationView> resume(@PathParam("id") UUID id) {
        return terminations.resume(id).invoke(t -> runner.launch(t.id)).map(TerminationView::from);
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/certificate")
    @Operation(summary = "The deletion certificate as JSON: what was archived (manifest hash), what was deleted, where,"
            + " when, by whom. A client gets its own, without the agency's hosts and paths")
    public Uni<CertificateView> certificate(@PathParam("id") UUID id) {
        return certificateView(id);
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/certificate")
    @Produces(PDF)
    @Operation(summary = "The deletion certificate as PDF (Accept: application/pdf)")
    public Uni<RestResponse<byte[]>> certificatePdf(@PathParam("id") UUID id) {
        return certificateView(id).chain(view -> blocking.run(() -> CertificatePdf.render(view)))
                .map(pdf -> RestResponse.ResponseBuilder.ok(pdf, PDF)
                        .header("Content-Disposition", "inline; filename=\"deletion-certificate-" + id + ".pdf\"")
                        .build());
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/archive")
    @Produces(ZIP)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Export the archive before its retention ends (supervisor): a zip of MANIFEST.sha256 and"
            + " files/; 409 before it is written, 410 once deleted")
    public Uni<RestResponse<byte[]>> archive(@PathParam("id") UUID id) {
        return terminations.find(id, java.util.Optional.empty()).chain(t -> {
            if (t.archiveDeletedAt != null) {
                throw new ProblemException(ProvisioningProblems.ARCHIVE_DELETED, "The archive of termination " + id
                        + " was deleted at " + t.archiveDeletedAt + " after its retention period.");
            }
            if (t.archivePath == null || !Files.isDirectory(Path.of(t.archivePath))) {
                throw new ProblemException(ProvisioningProblems.ARCHIVE_NOT_READY,
                        "Termination " + id + " has not written"
                        + " its archive yet (" + t.status + ").");
            }
            return blocking.run(() -> store.zip(Path.of(t.archivePath)));
        }).map(zip -> RestResponse.ResponseBuilder.<byte[]> ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"termination-" + id + ".zip\"").build());
    }

    private Uni<CertificateView> certificateView(UUID id) {
        boolean client = !caller.isStaff();
        return terminations.find(id, caller.clientScope())
                .chain(t -> terminations.hostLabel(t).map(host -> CertificateView.from(t, host, client)));
    }

    private void staffOnly(UUID id) {
        if (!caller.isStaff()) {
            throw ProblemException.notFound("Termination", id);
        }
    }
}
