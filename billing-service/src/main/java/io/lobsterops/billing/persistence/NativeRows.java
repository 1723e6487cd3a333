package io.lobsterops.billing.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A multi-row {@code insert ... values (...), (...)} in the current session, for the consumer's batch route (ADR
 * 0060): Hibernate inserts the rows of an IDENTITY table one statement each, this writes a chunk of them in one.
 */
final class NativeRows {

    /** Rows per statement: 500 rows of 10 columns stay far below PostgreSQL's 65,535 bind parameters. */
    static final int CHUNK = 500;

    private NativeRows() {
    }

    /** The values of one row, in the statement's column order. */
    static final class Row {

        private final List<Object> values;

        private Row(List<Object> values) {
            this.values = values;
        }

        Row add(Object value) {
            values.add(value);
            return this;
        }
    }

    /** {@code sql} holds one {@code %s} for the row list; {@code columns} values per row. */
    static <T> Uni<Void> insert(String sql, int columns, List<T> items, BiConsumer<T, Row> row) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
            chain = chain.chain(() -> insertChunk(sql, columns, chunk, row));
        }
        return chain;
    }

    private static <T> Uni<Void> insertChunk(String sql, int columns, List<T> chunk, BiConsumer<T, Row> row) {
        StringBuilder rows = new StringBuilder();
        List<Object> values = new ArrayList<>(chunk.size() * columns);
        for (T item : chunk) {
            int before = values.size();
            row.accept(item, new Row(values));
            if (values.size() - before != columns) {
                throw new IllegalStateException("a row of " + (values.size() - before) + " values for " + columns
                        + " columns");
            }
            rows.append(rows.isEmpty() ? "(" : ", (");
            for (int column = 1; column <= columns; column++) {
                rows.append(column == 1 ? "?" : ", ?").append(before + column);
            }
            rows.append(')');
        }
        String statement = sql.formatted(rows);
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(statement);
            for (int i = 0; i < values.size(); i++) {
                insert.setParameter(i + 1, values.get(i));
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
