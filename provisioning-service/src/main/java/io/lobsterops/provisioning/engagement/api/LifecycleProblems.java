package io.lobsterops.provisioning.engagement.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemMappers;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.provisioning.engagement.domain.InvalidTransitionException;

/** Lifecycle refusals as 409 problems naming the stages that are allowed. */
public class LifecycleProblems {

    public static final ProblemType INVALID_TRANSITION = ProblemType.of("invalid-stage-transition",
            "Stage transition not allowed", 409);

    private final ProblemMappers problems;

    public LifecycleProblems(ProblemMappers problems) {
        this.problems = problems;
    }

    public static final ProblemType DEPOSIT_UNPAID = ProblemType.of("deposit-unpaid",
            "Deposit not paid", 409);

    @ServerExceptionMapper
    public Response depositUnpaid(io.lobsterops.provisioning.engagement.domain.DepositUnpaidException e, UriInfo uri) {
        return problems.problem(new ProblemException(DEPOSIT_UNPAID, e.getMessage()), uri);
    }

    public static final ProblemType NOT_IN_TRAINING = ProblemType.of("not-in-training",
            "The client accepts the delivery in TRAINING only", 409);

    @ServerExceptionMapper
    public Response notInTraining(io.lobsterops.provisioning.engagement.domain.NotInTrainingException e, UriInfo uri) {
        return problems.problem(new ProblemException(NOT_IN_TRAINING, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response invalidTransition(InvalidTransitionException e, UriInfo uri) {
        String detail = e.getMessage() + (e.allowed().isEmpty() ? " It is final."
                : " Allowed next stages: " + e.allowed() + ".");
        return problems.problem(new ProblemException(INVALID_TRANSITION, detail), uri);
    }
}
