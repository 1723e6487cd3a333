package io.lobsterops.provisioning.engagement.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemMappers;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.engagement.domain.InvalidTransitionException;

/** Lifecycle refusals as 409 problems naming the stages that are allowed. */
public class LifecycleMappers {

    private final ProblemMappers problems;

    public LifecycleMappers(ProblemMappers problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response depositUnpaid(io.lobsterops.provisioning.engagement.domain.DepositUnpaidException e, UriInfo uri) {
        return problems.problem(new ProblemException(ProvisioningProblems.DEPOSIT_UNPAID, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response notInTraining(io.lobsterops.provisioning.engagement.domain.NotInTrainingException e, UriInfo uri) {
        return problems.problem(new ProblemException(ProvisioningProblems.NOT_IN_TRAINING, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response invalidTransition(InvalidTransitionException e, UriInfo uri) {
        String detail = e.getMessage() + (e.allowed().isEmpty() ? " It is final."
                : " Allowed next stages: " + e.allowed() + ".");
        return problems.problem(new ProblemException(ProvisioningProblems.INVALID_TRANSITION, detail), uri);
    }
}
