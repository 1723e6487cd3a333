package io.lobsterops.kit.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.panache.common.Parameters;

/**
 * The where clause of a Panache query, built clause by clause with its named parameters: clauses are joined with
 * {@code and} (one that has an {@code or} brings its own parentheses); no clause at all means every row. Immutable:
 * each {@code and} answers a new one. A parameter name bound twice is refused, so a filter cannot hide the client
 * scope's {@code :scope} by binding the same name.
 */
public final class Where {

    private static final Where ALL = new Where(List.of(), Map.of());

    private final List<String> clauses;
    private final Map<String, Object> values;

    private Where(List<String> clauses, Map<String, Object> values) {
        this.clauses = clauses;
        this.values = values;
    }

    /** No condition: every row. */
    public static Where all() {
        return ALL;
    }

    /** One clause with one named parameter: {@code Where.of("engagementId = :engagement", "engagement", id)}. */
    public static Where of(String clause, String name, Object value) {
        return ALL.and(clause, name, value);
    }

    /** This and a clause without parameters ({@code acknowledgedAt is null}). */
    public Where and(String clause) {
        return join(List.of(clause), Map.of());
    }

    /** This and a clause with one named parameter. */
    public Where and(String clause, String name, Object value) {
        if (value instanceof Optional<?>) {
            throw new IllegalArgumentException(":" + name + " is an Optional, not a query value (use andIfPresent)");
        }
        return join(List.of(clause), Collections.singletonMap(name, value));
    }

    /** This with one more named parameter for a clause already given (one that names two). */
    public Where with(String name, Object value) {
        return join(List.of(), Collections.singletonMap(name, value));
    }

    /** This and the clause when the value is present, else this as it is: an optional filter of a list. */
    public Where andIfPresent(String clause, String name, Optional<?> value) {
        return value.isPresent() ? and(clause, name, value.get()) : this;
    }

    /** This and every clause and parameter of {@code other}. */
    public Where and(Where other) {
        return join(other.clauses, other.values);
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** The clauses joined with {@code and}; empty for every row. */
    public String hql() {
        return String.join(" and ", clauses);
    }

    /** A fresh {@link Parameters} with every named value (Panache's {@code Parameters} is mutable). */
    public Parameters parameters() {
        Parameters parameters = new Parameters();
        values.forEach(parameters::and);
        return parameters;
    }

    @Override
    public String toString() {
        return hql() + " " + values;
    }

    private Where join(List<String> moreClauses, Map<String, Object> moreValues) {
        List<String> joinedClauses = new ArrayList<>(clauses);
        joinedClauses.addAll(moreClauses);
        Map<String, Object> joinedValues = new LinkedHashMap<>(values);
        moreValues.forEach((name, value) -> {
            if (joinedValues.containsKey(name)) {
                throw new IllegalArgumentException("query parameter :" + name + " is bound twice");
            }
            joinedValues.put(name, value);
        });
        return new Where(List.copyOf(joinedClauses), Collections.unmodifiableMap(joinedValues));
    }
}
