package io.lobsterops.agentconfig.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.domain.GoldSet;
import io.lobsterops.agentconfig.service.GoldSetService;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The agent's gold set (ADR 0037): staff read and edit it; a client never sees it (404). */
@Path("/engagements/{id}/agent/gold-set")
@Tag(name = "Agents", description = "Discovery answers, the agent definition and its rendering")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class GoldSetResource {

    static final String YAML = "application/yaml";

    private final GoldSetService goldSets;
    private final Caller caller;

    public GoldSetResource(GoldSetService goldSets, Caller caller) {
        this.goldSets = goldSets;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The gold set the next proposal commits (openclaw/gold-set.yaml): the edited one, else the "
            + "starter derived from the definition; staff only, a client gets 404")
    public Uni<GoldSetView> goldSet(@PathParam("id") UUID engagementId) {
        return goldSets.goldSet(engagementId, caller.clientScope()).map(GoldSetView::from);
    }

    @GET
    @Produces({ YAML, "text/yaml" })
    @Operation(summary = "The same gold set as the YAML file the repository holds")
    public Uni<String> goldSetYaml(@PathParam("id") UUID engagementId) {
        return goldSets.goldSet(engagementId, caller.clientScope()).map(state -> GoldSetService.yaml(state.goldSet()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Replace the gold set (threshold, cases of id, prompt, mustMention, mustNotMention, "
            + "mustRefuse, mustEscalate, weight); 400 naming each bad case. Released with the next approved proposal")
    public Uni<GoldSetView> replace(@PathParam("id") UUID engagementId, GoldSet goldSet) {
        return goldSets.replace(engagementId, goldSet, caller.name()).map(GoldSetView::from);
    }

    @PUT
    @Consumes({ YAML, "text/yaml" })
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Replace the gold set from its YAML file")
    public Uni<GoldSetView> replaceYaml(@PathParam("id") UUID engagementId, String document) {
        return Uni.createFrom().item(() -> GoldSetService.parse(document == null ? "" : document))
                .chain(goldSet -> goldSets.replace(engagementId, goldSet, caller.name())).map(GoldSetView::from);
    }

    /** The gold set with its revision (0 and {@code starter} while nobody edited it). */
    public record GoldSetView(int revision, boolean starter, String updatedBy, java.time.Instant updatedAt,
            String path, double threshold, java.util.List<GoldSet.Case> cases) {

        static GoldSetView from(GoldSetService.GoldSetState state) {
            return new GoldSetView(state.revision(), state.starter(), state.updatedBy(), state.updatedAt(),
                    GoldSet.PATH, state.goldSet().thresholdOrDefault(), state.goldSet().cases());
        }
    }
}
