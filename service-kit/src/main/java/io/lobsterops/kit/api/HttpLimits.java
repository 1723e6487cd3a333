package io.lobsterops.kit.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The request limits answered as problems (ADR 0043). Vert.x and Quarkus enforce them before any JAX-RS code and
 * answer with an empty body, so this route runs first (order -3, before Quarkus' own body-size check at -2) and
 * answers a body declared over {@code quarkus.http.limits.max-body-size} with 413 and a URI longer than
 * {@code lobsterops.http.max-uri-length} with 414, both {@code application/problem+json}. Vert.x's own line limit
 * ({@code quarkus.http.limits.max-initial-line-length}) is set well above ours, so only a request line over it
 * (64 KiB) still gets Vert.x's bare 414.
 */
@ApplicationScoped
public class HttpLimits {

    static final int ORDER = -3;

    private final ObjectMapper json;
    private final long maxBody;
    private final int maxUri;

    public HttpLimits(ObjectMapper json) {
        this.json = json;
        var config = ConfigProvider.getConfig();
        this.maxBody = config.getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10_240L * 1024);
        this.maxUri = config.getOptionalValue("lobsterops.http.max-uri-length", Integer.class).orElse(4096);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > maxUri) {
            refuse(context, ProblemType.URI_TOO_LONG,
                    "The request URI has " + uri.length() + " characters; at most " + maxUri + " are accepted.");
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(context, ProblemType.BAD_REQUEST, "The Content-Length header is not a number.");
                return;
            }
            if (declared > maxBody) {
                refuse(context, ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body has " + declared + " bytes; at most " + maxBody + " are accepted.");
                return;
            }
        }
        context.next();
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        String path = context.request().path();
        String body;
        try {
            body = json.writeValueAsString(ProblemMappers.bounded(Problem.of(type, detail, path)));
        } catch (JsonProcessingException impossible) {
            body = "{\"status\":" + type.status() + "}";
        }
        context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                // the declared body is never read: close rather than wait for it
                .onComplete(done -> context.request().connection().close());
    }
}
