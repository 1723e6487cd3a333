package io.lobsterops.kit.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem; {@code detail} is written for a
 * person; no class names or stack traces, ever.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lobsterops.io/problems/";

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail, instance, null);
    }

    public Problem withViolations(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, violations);
    }

    /** One invalid field of a request: where, and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}
