package io.lobsterops.kit.api;

/**
 * A kind of problem: its stable slug (the last segment of the {@code type} URI), title and HTTP status. The
 * platform-wide kinds are constants here (the kit's catalogue); a service adds its own through {@link #of}, in its one
 * catalogue {@code io.lobsterops.<service>.api.<Service>Problems} (ADR 0070).
 */
public record ProblemType(String slug, String title, int status) {

    public static final ProblemType VALIDATION = new ProblemType("validation", "Invalid request", 400);
    public static final ProblemType MALFORMED = new ProblemType("malformed-request", "Malformed request body", 400);
    public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", "Bad request", 400);
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Authentication required", 401);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed", 403);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", "Not acceptable", 406);
    public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", 409);
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Payload too large", 413);
    public static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", "URI too long", 414);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type",
            "Unsupported media type", 415);
    public static final ProblemType UNAVAILABLE = new ProblemType("unavailable", "Temporarily unavailable", 503);
    public static final ProblemType INTERNAL = new ProblemType("internal", "Internal error", 500);

    public static ProblemType of(String slug, String title, int status) {
        return new ProblemType(slug, title, status);
    }

    /** The platform-wide kind for an HTTP status, used for errors raised by the framework. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : new ProblemType("http-" + status, "Request failed", status);
        };
    }
}
