package io.lobsterops.agentconfig.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.lobsterops.agentconfig.service.AgentService.AgentState;

/** An engagement's agent definition and its revision. */
public record AgentView(UUID engagementId, int revision, String updatedBy, Instant updatedAt,
        AgentDefinition definition) {

    public static AgentView from(AgentState state) {
        return new AgentView(state.agent().engagementId, state.agent().revision, state.agent().updatedBy,
                state.agent().updatedAt, state.definition());
    }
}
