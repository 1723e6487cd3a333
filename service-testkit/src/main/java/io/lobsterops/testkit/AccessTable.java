package io.lobsterops.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The access table of a service (issue 16, ADR 0044): one row per endpoint, one column per caller — supervisor,
 * engineer, a user of the resource's client, a user of another client, no token — and the status each gets. A refusal
 * is an {@code application/problem+json}. A write that the table lets through runs on a fresh {@link Target} of its
 * own, so a refused caller and every other row see the shared target as it was made.
 */
public final class AccessTable {

    /** The columns, in the order a row lists their statuses. */
    public enum Caller {
        SUPERVISOR("supervisor"), ENGINEER("engineer"), OWN_CLIENT("own client"), OTHER_CLIENT("other client"),
        NONE("no token");

        private final String label;

        Caller(String label) {
            this.label = label;
        }

        String token(String ownClientId) {
            return switch (this) {
                case SUPERVISOR -> Tokens.supervisor();
                case ENGINEER -> Tokens.engineer();
                case OWN_CLIENT -> Tokens.client(ownClientId);
                case OTHER_CLIENT -> Tokens.client("other-" + UUID.randomUUID().toString().substring(0, 8));
                case NONE -> null;
            };
        }
    }

    /** What a row is asked of: a client's resources, with the placeholders of the row's path and body filled in. */
    public interface Target {

        String clientId();

        String resolve(String template);
    }

    /** method, path and body templates (body null for none), Accept, and the status of each {@link Caller}. */
    public record Row(String method, String path, String body, String accept, List<Integer> expected) {

        public boolean writes() {
            return !"GET".equals(method);
        }

        /** The same row asking for another representation of the resource. */
        public Row accepting(String mediaType) {
            return new Row(method, path, body, mediaType, expected);
        }

        @Override
        public String toString() {
            return method + " " + path + (accept.equals(ContentType.JSON.toString()) ? "" : " (" + accept + ")");
        }
    }

    private AccessTable() {
    }

    /** The target {@code create} makes on first use, the same one after: the rows' shared fixture. */
    public static <T extends Target> Supplier<T> once(Supplier<T> create) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = create.get();
                }
                return made;
            }
        };
    }

    public static Row get(String path, int supervisor, int engineer, int ownClient, int otherClient, int none) {
        return row("GET", path, null, supervisor, engineer, ownClient, otherClient, none);
    }

    public static Row row(String method, String path, String body, int supervisor, int engineer, int ownClient,
            int otherClient, int none) {
        return new Row(method, path, body, ContentType.JSON.toString(),
                List.of(supervisor, engineer, ownClient, otherClient, none));
    }

    /** Asks the row of every caller, and fails naming the caller whose status differs from the table's. */
    public static void check(Row row, Target shared, Supplier<Target> fresh) {
        for (Caller caller : Caller.values()) {
            int expected = row.expected().get(caller.ordinal());
            Target target = row.writes() && expected < 300 ? fresh.get() : shared;
            RequestSpecification request = given().accept(row.accept());
            String token = caller.token(target.clientId());
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            if (row.body() != null) {
                request = request.contentType(ContentType.JSON).body(target.resolve(row.body()));
            }
            ValidatableResponse response = request.request(row.method(), target.resolve(row.path())).then();
            try {
                response.statusCode(expected);
                if (expected >= 400) {
                    response.contentType(startsWith(Problems.MEDIA_TYPE));
                }
            } catch (AssertionError e) {
                throw new AssertionError(caller.label + " on " + row + ": " + e.getMessage(), e);
            }
        }
    }
}
