package io.lobsterops.kit.api;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error of every service as RFC 9457 {@code application/problem+json}; nothing else ever leaves. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = Problem.of(e.type(), e.getMessage(), path(uri));
        return respond(e.violations().isEmpty() ? problem : problem.withViolations(e.violations()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().message()
                : violations.size() + " fields are invalid";
        return respond(Problem.of(ProblemType.VALIDATION, detail, path(uri)).withViolations(violations));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.MALFORMED, describe(e), path(uri)));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this operation.", path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException cause) {
            return malformed(cause, uri);
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers a query or path parameter it cannot convert with 404; a query parameter is a 400
            String query = badQueryParameter(e.getCause(), uri);
            if (query != null) {
                return respond(Problem.of(ProblemType.VALIDATION, "Query parameter '" + query + "' has an invalid value"
                        + " (" + quote(uri.getQueryParameters().getFirst(query)) + ").", path(uri))
                        .withViolations(List.of(new Problem.Violation(query, "invalid value"))));
            }
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri) + ".";
            case 405 -> "This resource does not support that method.";
            case 415 -> "Send the body as application/json.";
            case 406 -> "This resource answers application/json only.";
            default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? type.title() : e.getMessage();
        };
        return respond(Problem.of(type, detail, path(uri)));
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", incident, path(uri));
        return respond(Problem.of(ProblemType.INTERNAL,
                "Something went wrong on our side; quote incident " + incident + " when reporting it.", path(uri)));
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHORIZED,
                        "Send a valid bearer token from the LobsterOps identity provider.", path(uri))))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private Response respond(Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(bounded(problem));
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"" + Problem.TYPE_BASE + "internal\",\"status\":500}";
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** Longest text a problem carries: what the caller sent is never echoed whole (ADR 0043). */
    static final int MAX_DETAIL = 400;
    static final int MAX_SHORT = 120;
    static final int MAX_VIOLATIONS = 50;

    /** {@code problem} with its detail, instance and violations cut to bounded lengths. */
    public static Problem bounded(Problem problem) {
        List<Problem.Violation> violations = problem.violations() == null ? null : problem.violations().stream()
                .limit(MAX_VIOLATIONS)
                .map(v -> new Problem.Violation(cut(v.field(), MAX_SHORT), cut(v.message(), MAX_DETAIL)))
                .toList();
        return new Problem(problem.type(), problem.title(), problem.status(), cut(problem.detail(), MAX_DETAIL),
                cut(problem.instance(), MAX_SHORT * 2), violations);
    }

    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /** A value the caller sent, quoted for a problem: at most 40 characters, control characters escaped. */
    static String quote(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(SafeText.unsafe(c) || c == '\n' || c == '\t' ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append(text.length() > 40 ? "…' (" + text.length() + " characters)" : "'").toString();
    }

    /** The query parameter whose value a failed conversion names, or null when it was a path parameter. */
    private static String badQueryParameter(Throwable cause, UriInfo uri) {
        if (uri == null) {
            return null;
        }
        String message = String.valueOf(cause.getMessage());
        for (var values : uri.getPathParameters().values()) {
            if (values.stream().anyMatch(v -> !v.isEmpty() && message.contains(v))) {
                return null;
            }
        }
        var query = uri.getQueryParameters();
        for (var entry : query.entrySet()) {
            if (entry.getValue().stream().anyMatch(v -> message.contains(v))) {
                return entry.getKey();
            }
        }
        return query.isEmpty() ? null : query.keySet().iterator().next();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnsafeTextException unsafe) {
            return "Field '" + (unsafe.getPath().isEmpty() ? "body" : pathOf(unsafe)) + "' contains " + unsafe.what()
                    + "; control characters (but newline and tab) and bidirectional overrides are refused.";
        }
        if (e instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            Class<?> target = invalid.getTargetType();
            if (target != null && !target.isEnum() && !expected(target).isEmpty()) {
                return "Field '" + pathOf(invalid) + "' has the wrong type" + expected(target) + ", not "
                        + quote(invalid.getValue()) + ".";
            }
            String accepted = target != null && target.isEnum()
                    ? " Accepted: " + cut(java.util.Arrays.stream(target.getEnumConstants())
                            .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")), MAX_DETAIL / 2) + "."
                    : "";
            return "Field '" + pathOf(invalid) + "' has an invalid value: " + quote(invalid.getValue()) + "." + accepted;
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return "Field '" + pathOf(mismatched) + "' has the wrong type" + expected(mismatched.getTargetType()) + ".";
        }
        InputCoercionException outOfRange = e instanceof InputCoercionException direct ? direct
                : e.getCause() instanceof InputCoercionException wrapped ? wrapped : null;
        if (outOfRange != null) {
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? pathOf(mapping) : fieldBeingRead(outOfRange);
            return (field == null ? "A number" : "Field '" + field + "'") + " is out of range"
                    + expected(outOfRange.getTargetType()) + ".";
        }
        if (e instanceof JsonParseException && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return "The request body gives a key twice: " + cut(e.getOriginalMessage(), MAX_SHORT) + ".";
        }
        return "The request body is not valid JSON"
                + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ").");
    }

    /** The name of the field whose value the parser was reading when a number did not fit its type. */
    private static String fieldBeingRead(InputCoercionException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return null;
        }
        try {
            String name = parser.currentName();
            return name == null ? null : cut(name, MAX_SHORT);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "";
        }
        if (target == String.class || target.isEnum() || CharSequence.class.isAssignableFrom(target)) {
            return " (expected a string)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return " (expected true or false)";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == java.math.BigInteger.class) {
            return " (expected a whole number)";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return " (expected a number)";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return " (expected an array)";
        }
        return "";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    /** The request field a violation is about: a body property ({@code contact.email}) or a parameter name. */
    private static String field(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                property.setLength(0);
            } else if (node.getName() != null) {
                property.append(property.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter == null ? "request" : parameter;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
