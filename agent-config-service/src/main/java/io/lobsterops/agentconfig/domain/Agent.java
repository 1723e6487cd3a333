package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The stored agent definition of an engagement: a JSON document and its revision, bumped by each edit. */
@Entity
@Table(name = "agent_definition")
public class Agent {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    /** {@link AgentDefinition} as JSON. */
    @Column(nullable = false)
    public String definition;

    @Column(nullable = false)
    public int revision;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected Agent() {
    }

    public static Agent created(UUID engagementId, String definition, String by, Instant at) {
        Agent agent = new Agent();
        agent.engagementId = engagementId;
        agent.definition = definition;
        agent.revision = 1;
        agent.updatedBy = by;
        agent.updatedAt = at;
        return agent;
    }

    public void edited(String newDefinition, String by, Instant at) {
        if (!newDefinition.equals(definition)) {
            definition = newDefinition;
            revision++;
            updatedBy = by;
            updatedAt = at;
        }
    }
}
