package io.lobsterops.kit.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The visible-query trio written once (ADR 0070): which query a client user and staff send, found or 404, a page and
 * its total. Panache's query methods are stood in for by a recording repository, so no database or Quarkus runs.
 */
class ClientScopedTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Sort ORDER = Sort.descending("createdAt").and("id");

    @Test
    void staffFindAnyRowByItsId() {
        Reports reports = new Reports(null);
        assertSame(Reports.ROW, reports.findVisible(ID, Optional.empty()).await().indefinitely());
        assertEquals(List.of("findById " + ID), reports.sent);
    }

    @Test
    void aClientUserFindsOnlyItsOwnRowsThatItMaySee() {
        Reports reports = new Reports(Reports.ROW);
        reports.findVisible(ID, Optional.of("acme")).await().indefinitely();
        assertEquals(List.of("find reportId = :id and clientId = :scope and state in :visible"), reports.sent);
        assertEquals(List.of(Map.of("id", ID, "scope", "acme", "visible", List.of("APPROVED", "SENT"))),
                reports.bound);
    }

    @Test
    void anotherClientsRowIsTheSame404AsNoRow() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> new Reports(null).requireVisible(ID, Optional.of("globex"), "Report").await().indefinitely());
        assertEquals(ProblemType.NOT_FOUND, refused.type());
        assertEquals("Report " + ID + " does not exist", refused.getMessage());
    }

    @Test
    void aPageComesWithTheTotalOfTheSameFilter() {
        Reports reports = new Reports(Reports.ROW);
        PageView<Report> page = reports.pageVisible(Optional.of("acme"), Where.of("period = :period", "period",
                "2026-11"), ORDER, 2, 10).await().indefinitely();
        assertEquals(new PageView<>(List.of(Reports.ROW), 2, 10, 31), page);
        String where = "period = :period and clientId = :scope and state in :visible";
        assertEquals(List.of("find " + where + " order createdAt,id page 2x10", "count " + where), reports.sent);
        Map<String, Object> values = Map.of("period", "2026-11", "scope", "acme", "visible",
                List.of("APPROVED", "SENT"));
        assertEquals(List.of(values, values), reports.bound);
    }

    @Test
    void staffWithoutAFilterPageEveryRow() {
        Reports reports = new Reports(Reports.ROW);
        assertEquals(31, reports.pageVisible(Optional.empty(), Where.all(), ORDER, 0, 20).await().indefinitely()
                .total());
        assertEquals(List.of("findAll order createdAt,id page 0x20", "count all"), reports.sent);
    }

    @Test
    void aFilterCannotBindTheScopesName() {
        Reports reports = new Reports(null);
        assertThrows(IllegalArgumentException.class,
                () -> reports.visible(Optional.of("acme"), Where.of("clientId = :scope", "scope", "globex")));
        assertThrows(IllegalArgumentException.class, () -> Where.of("stage = :stage", "stage", Optional.of("LIVE")));
    }

    @Test
    void optionalFiltersJoinWithAnd() {
        Where where = Where.all().andIfPresent("stage = :stage", "stage", Optional.of("LIVE"))
                .andIfPresent("clientId = :client", "client", Optional.empty()).and("acknowledgedAt is null");
        assertEquals("stage = :stage and acknowledgedAt is null", where.hql());
        assertEquals(Map.of("stage", "LIVE"), where.parameters().map());
        assertEquals("", Where.all().hql());
    }

    @Test
    void pageViewMapsItsItemsAndKeepsItsPlace() {
        assertEquals(new PageView<>(List.of("1", "2"), 3, 2, 9), new PageView<>(List.of(1, 2), 3, 2, 9)
                .map(String::valueOf));
    }

    /** Reports as in monitoring: a client sees its own approved or sent ones only. Records what it would send. */
    record Report(String period) {
    }

    static final class Reports implements ClientScoped<Report, UUID> {

        static final Report ROW = new Report("2026-11");

        final List<String> sent = new ArrayList<>();
        final List<Map<String, Object>> bound = new ArrayList<>();
        private final Report found;

        Reports(Report found) {
            this.found = found;
        }

        @Override
        public String clientPath() {
            return "clientId";
        }

        @Override
        public String idPath() {
            return "reportId";
        }

        @Override
        public Where clientSees() {
            return Where.of("state in :visible", "visible", List.of("APPROVED", "SENT"));
        }

        @Override
        public Uni<Report> findById(UUID id) {
            sent.add("findById " + id);
            return Uni.createFrom().item(ROW);
        }

        @Override
        public PanacheQuery<Report> find(String query, Parameters parameters) {
            bound.add(parameters.map());
            return query("find " + query, "");
        }

        @Override
        public PanacheQuery<Report> find(String query, Sort sort, Parameters parameters) {
            bound.add(parameters.map());
            return query("find " + query, order(sort));
        }

        @Override
        public PanacheQuery<Report> findAll(Sort sort) {
            return query("findAll", order(sort));
        }

        @Override
        public Uni<Long> count() {
            sent.add("count all");
            return Uni.createFrom().item(31L);
        }

        @Override
        public Uni<Long> count(String query, Parameters parameters) {
            sent.add("count " + query);
            bound.add(parameters.map());
            return Uni.createFrom().item(31L);
        }

        private static String order(Sort sort) {
            return " order " + String.join(",", sort.getColumns().stream().map(Sort.Column::getName).toList());
        }

        /** A query that answers {@code found}; what it was asked is recorded when it runs. */
        @SuppressWarnings("unchecked")
        private PanacheQuery<Report> query(String what, String order) {
            StringBuilder asked = new StringBuilder(what).append(order);
            return (PanacheQuery<Report>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { PanacheQuery.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "page" -> {
                            Page page = (Page) args[0];
                            asked.append(" page ").append(page.index).append('x').append(page.size);
                            yield proxy;
                        }
                        case "firstResult" -> {
                            sent.add(asked.toString());
                            yield Uni.createFrom().item(found);
                        }
                        case "list" -> {
                            sent.add(asked.toString());
                            yield Uni.createFrom().item(found == null ? List.of() : List.of(found));
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
