package io.lobsterops.kit.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Path and query parameters pass {@link SafeText} like body strings do: a refused character is a 400 naming it. */
public class ParameterGuard {

    @ServerRequestFilter
    public void refuseUnsafeParameters(UriInfo uri) {
        check("Path parameter", uri.getPathParameters());
        check("Query parameter", uri.getQueryParameters());
    }

    private static void check(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            for (String value : entry.getValue()) {
                int unsafe = SafeText.firstUnsafe(value);
                if (unsafe >= 0) {
                    throw new ProblemException(ProblemType.VALIDATION, kind + " '" + ProblemMappers.cut(entry.getKey(),
                            ProblemMappers.MAX_SHORT) + "' contains " + SafeText.describe(value, unsafe) + ".",
                            List.of(new Problem.Violation(entry.getKey(), "contains " + SafeText.describe(value, unsafe))));
                }
            }
        }
    }
}
