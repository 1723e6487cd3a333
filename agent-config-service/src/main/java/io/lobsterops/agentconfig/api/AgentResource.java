package io.lobsterops.agentconfig.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.domain.AgentEdit;
import io.lobsterops.agentconfig.domain.Questionnaire;
import io.lobsterops.agentconfig.service.AgentService;
import io.lobsterops.agentconfig.domain.DefinitionDiff.Change;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Agents", description = "Discovery answers, the agent definition and its rendering")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class AgentResource {

    private final AgentService agents;
    private final Caller caller;

    public AgentResource(AgentService agents, Caller caller) {
        this.agents = agents;
        this.caller = caller;
    }

    @GET
    @Path("questionnaires/current")
    @Operation(summary = "The current discovery questionnaire, in English and French")
    public QuestionnaireView questionnaire() {
        return QuestionnaireView.from(Questionnaire.CURRENT);
    }

    @GET
    @Path("questionnaires/{version}")
    @Operation(summary = "One version of the discovery questionnaire, current or earlier (what stored answers "
            + "answered)")
    public QuestionnaireView questionnaire(@PathParam("version") String version) {
        return Questionnaire.version(version).map(QuestionnaireView::from)
                .orElseThrow(() -> ProblemException.notFound("Questionnaire version", version));
    }

    @PUT
    @Path("engagements/{id}/discovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Save discovery answers (partial saves allowed; a blank answer withdraws it)")
    public Uni<DiscoveryView> answer(@PathParam("id") UUID engagementId, @Valid @NotNull DiscoveryRequest request) {
        return agents.answer(engagementId, request.questionnaireVersion(), request.answers(), caller.name())
                .map(DiscoveryView::from);
    }

    @GET
    @Path("engagements/{id}/discovery")
    @Operation(summary = "The discovery answers of an engagement; a client sees only its own")
    public Uni<DiscoveryView> discovery(@PathParam("id") UUID engagementId) {
        return agents.discovery(engagementId, caller.clientScope()).map(DiscoveryView::from);
    }

    @POST
    @Path("engagements/{id}/agent")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Derive the engagement's agent definition from its discovery answers")
    public Uni<Response> create(@PathParam("id") UUID engagementId) {
        return agents.create(engagementId, caller.name()).map(state -> Response
                .created(URI.create("/engagements/" + engagementId + "/agent")).entity(AgentView.from(state)).build());
    }

    @GET
    @Path("engagements/{id}/agent")
    @Operation(summary = "The agent definition; a client sees only its own")
    public Uni<AgentView> agent(@PathParam("id") UUID engagementId) {
        return agents.agent(engagementId, caller.clientScope()).map(AgentView::from);
    }

    @PATCH
    @Path("engagements/{id}/agent")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Edit the agent definition field by field: the fields sent replace the current ones")
    public Uni<AgentView> edit(@PathParam("id") UUID engagementId, @Valid @NotNull AgentEdit edit) {
        return agents.edit(engagementId, edit, caller.name()).map(AgentView::from);
    }

    @GET
    @Path("engagements/{id}/agent/regeneration")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "What regenerating the definition from the current answers would change, field by field: nested "
            + "fields by their dotted path, lists with the items added and removed (nothing applied)")
    public Uni<List<Change>> regeneration(@PathParam("id") UUID engagementId) {
        return agents.regeneration(engagementId);
    }

    @POST
    @Path("engagements/{id}/agent/regeneration")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Replace the definition with the one derived from the current answers")
    public Uni<AgentView> regenerate(@PathParam("id") UUID engagementId) {
        return agents.regenerate(engagementId, caller.name()).map(AgentView::from);
    }

    @GET
    @Path("engagements/{id}/agent/preview")
    @Operation(summary = "The files the agent renders to for OpenClaw 2026.9, with the leak lint's findings; "
            + "nothing is committed")
    public Uni<PreviewView> preview(@PathParam("id") UUID engagementId) {
        caller.staffOnly();
        return agents.preview(engagementId, caller.clientScope()).map(PreviewView::from);
    }
}
