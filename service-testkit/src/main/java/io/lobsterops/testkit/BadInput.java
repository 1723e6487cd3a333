package io.lobsterops.testkit;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The bad-input table (issue 16, ADR 0043) applied to a service's JSON endpoints: each endpoint's valid body made
 * wrong in every way a probe tried — malformed JSON, a wrong type, a key given twice, control characters and
 * bidirectional overrides in text, a body over the limit — answers a 400 (413) {@code application/problem+json}
 * naming the field, and what the endpoint would change reads the same afterwards.
 */
public final class BadInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A JSON endpoint: method and path (placeholders resolved by the test), the GET that shows what it changes, a valid
     * body, one of its text fields (null: it has none) and one of its fields that is not a text.
     */
    public record Endpoint(String method, String path, String readBack, Map<String, Object> valid, String textField,
            String typedField) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One wrong body for one endpoint; {@code field} is what the problem's detail must name (null: no field). */
    public record Case(String what, Endpoint endpoint, String body, String field) {

        @Override
        public String toString() {
            return endpoint + ": " + what;
        }
    }

    private BadInput() {
    }

    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** Every wrong body of every endpoint. */
    public static Stream<Case> cases(List<Endpoint> endpoints) {
        return endpoints.stream().flatMap(e -> {
            String valid = json(e.valid());
            String text = e.textField();
            Stream<Case> typed = Stream.of(
                    new Case("malformed JSON", e, valid.substring(0, valid.length() - 1), null),
                    new Case("not an object", e, "[" + valid + "]", null),
                    new Case("a boolean for a " + e.typedField(), e,
                            json(with(e.valid(), e.typedField(),
                                    e.valid().get(e.typedField()) instanceof Boolean ? "true" : true)),
                            e.typedField()),
                    new Case("an object for a " + e.typedField(), e,
                            json(with(e.valid(), e.typedField(), Map.of("a", 1))), e.typedField()),
                    new Case("a key given twice", e, "{" + json(e.typedField()) + ":"
                            + json(e.valid().get(e.typedField())) + "," + valid.substring(1), e.typedField()));
            if (text == null) {
                return typed;
            }
            return Stream.concat(typed, Stream.of(
                    new Case("a number for a text", e, json(with(e.valid(), text, 42)), text),
                    new Case("a NUL character", e, json(with(e.valid(), text, "Ac\u0000me")), text),
                    new Case("an escape sequence", e, json(with(e.valid(), text, "\u001b[31mAcme")), text),
                    new Case("a right-to-left override", e, json(with(e.valid(), text, "Acme\u202Egnp.exe")), text),
                    new Case("a lone surrogate", e,
                            json(with(e.valid(), text, "Acme@surrogate@")).replace("@surrogate@", "\\ud800"), text)));
        });
    }

    /**
     * Sends the case's body as {@code token} and asserts a 400 problem naming its field, and that what the endpoint
     * changes reads the same after as before (read as a supervisor).
     */
    public static void check(Case c, String token, UnaryOperator<String> resolve) {
        String before = readBack(c.endpoint(), resolve);
        var response = assertProblem(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(resolve.apply(c.body()).getBytes(StandardCharsets.UTF_8))
                .request(c.endpoint().method(), resolve.apply(c.endpoint().path())).then(), 400,
                "malformed-request");
        if (c.field() != null) {
            response.body("detail", containsString(c.field()));
        }
        assertEquals(before, readBack(c.endpoint(), resolve), "what " + c.endpoint() + " changes after " + c.what());
    }

    /**
     * A body declared over the limit ({@code Content-Length} 20 MB) to each endpoint, sent over a raw socket: a 413
     * problem before any of it is read, and nothing changed.
     */
    public static void checkOversize(List<Endpoint> endpoints, String token, UnaryOperator<String> resolve)
            throws IOException {
        for (Endpoint endpoint : endpoints) {
            String before = readBack(endpoint, resolve);
            String answer = raw(RestAssured.port, endpoint.method() + " " + resolve.apply(endpoint.path())
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{");
            assertThat(endpoint.toString(), answer, allOf(startsWith("HTTP/1.1 413"),
                    containsString(Problems.MEDIA_TYPE), containsString(Problems.TYPE_BASE + "payload-too-large")));
            assertEquals(before, readBack(endpoint, resolve), "what " + endpoint + " changes after an oversize body");
        }
    }

    private static String readBack(Endpoint endpoint, UnaryOperator<String> resolve) {
        return given().auth().oauth2(Tokens.supervisor()).accept(ContentType.JSON)
                .get(resolve.apply(endpoint.readBack())).then().statusCode(200).extract().asString();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} as is and reads the answer until its JSON body has closed or the server closed. */
    public static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (answer.indexOf("\r\n\r\n") >= 0 && answer.toString().strip().endsWith("}")) {
                    break;
                }
            }
            return answer.toString();
        }
    }
}
