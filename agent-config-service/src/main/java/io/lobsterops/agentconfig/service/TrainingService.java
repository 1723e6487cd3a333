package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.TrainingCycle;
import io.lobsterops.agentconfig.git.GitHistory;
import io.lobsterops.agentconfig.git.UnknownCommitException;
import io.lobsterops.agentconfig.persistence.TrainingCycleRepository;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Training cycles: each records the briefing feedback and the config version (a commit of the client repository). */
@ApplicationScoped
public class TrainingService {

    private final AgentService agents;
    private final TrainingCycleRepository cycles;
    private final GitHistory git;

    public TrainingService(AgentService agents, TrainingCycleRepository cycles, GitHistory git) {
        this.agents = agents;
        this.cycles = cycles;
        this.git = git;
    }

    @WithTransaction
    public Uni<TrainingCycle> record(UUID engagementId, int cycle, String clientFeedback, String engineerFeedback,
            String configCommit, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return agents.engagement(engagementId, Optional.empty())
                .chain(engagement -> git.files(engagement.clientId, configCommit)
                        .onFailure(UnknownCommitException.class)
                        .transform(e -> new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND,
                                "configCommit: " + e.getMessage())))
                .chain(() -> cycles.ofEngagement(engagementId))
                .chain(known -> {
                    if (known.stream().anyMatch(c -> c.cycle == cycle)) {
                        throw ProblemException.conflict("training cycle " + cycle + " of engagement " + engagementId
                                + " is already recorded");
                    }
                    if (cycle > 1 && known.stream().noneMatch(c -> c.cycle == cycle - 1)) {
                        throw ProblemException.conflict("record cycle " + (cycle - 1) + " before cycle " + cycle);
                    }
                    return cycles.persist(TrainingCycle.recorded(engagementId, cycle, clientFeedback,
                            engineerFeedback, configCommit, by, now));
                });
    }

    @WithSession
    public Uni<List<TrainingCycle>> cycles(UUID engagementId, Optional<String> clientScope) {
        return agents.engagement(engagementId, clientScope).chain(engagement -> cycles.ofEngagement(engagementId));
    }
}
