package io.lobsterops.agentconfig.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lobsterops.agentconfig.service.AgentProblems;
import io.lobsterops.agentconfig.service.LintBlockedException;
import io.lobsterops.kit.api.Problem;

/** A blocked commit or approval answers 409 with each finding as a violation: "file:line" and "rule: excerpt". */
public class LintProblemMapper {

    @ServerExceptionMapper
    public Response lintBlocked(LintBlockedException e, UriInfo uri) {
        Problem problem = Problem.of(AgentProblems.LINT_FINDINGS, e.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""))
                .withViolations(e.findings().stream()
                        .map(f -> new Problem.Violation(f.file() + ":" + f.line(), f.rule() + ": " + f.excerpt()))
                        .toList());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
