package io.lobsterops.agentconfig.domain;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.agentconfig.domain.AgentDefinition.Autonomy;
import io.lobsterops.agentconfig.domain.AgentDefinition.Capability;
import io.lobsterops.agentconfig.domain.AgentDefinition.Channel;
import io.lobsterops.agentconfig.domain.AgentDefinition.DailyCycle;
import io.lobsterops.agentconfig.domain.AgentDefinition.ScheduledActivity;
import io.lobsterops.agentconfig.domain.AgentDefinition.Skill;

/** A field-by-field edit of an agent definition: the fields that are set replace the current ones. */
public record AgentEdit(
        @Size(min = 1, max = 80) String name,
        @Size(min = 1, max = 120) String company,
        @Size(min = 1, max = 2000) String domain,
        @Size(min = 1, max = 500) String tone,
        @Size(max = 50) List<@NotBlank @Size(max = 500) String> tasks,
        @Size(max = 50) List<@NotBlank @Size(max = 300) String> forbiddenTopics,
        @Size(max = 50) List<@NotBlank @Size(max = 300) String> forbiddenBehaviours,
        @Valid Autonomy autonomy,
        @Valid DailyCycle dailyCycle,
        @Valid Channel channel,
        @Size(max = 20) List<@NotNull Skill> skills,
        @Size(max = 50) List<@NotNull @Valid Capability> capabilities,
        @Size(max = 20) List<@NotNull @Valid ScheduledActivity> activities) {

    public AgentDefinition applyTo(AgentDefinition d) {
        return new AgentDefinition(
                name != null ? name : d.name(),
                company != null ? company : d.company(),
                domain != null ? domain : d.domain(),
                tone != null ? tone : d.tone(),
                tasks != null ? tasks : d.tasks(),
                forbiddenTopics != null ? forbiddenTopics : d.forbiddenTopics(),
                forbiddenBehaviours != null ? forbiddenBehaviours : d.forbiddenBehaviours(),
                autonomy != null ? autonomy : d.autonomy(),
                dailyCycle != null ? dailyCycle : d.dailyCycle(),
                channel != null ? channel : d.channel(),
                skills != null ? skills : d.skills(),
                capabilities != null ? capabilities : d.capabilities(),
                activities != null ? activities : d.activities());
    }
}
