package io.lobsterops.kit.persistence;

import io.lobsterops.kit.api.PageView;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A repository that lists its rows a page at a time with how many match in all: the one place a page and its total
 * are queried. A repository states only its filter and order; the kit asks for the page, then the count, in one
 * sequential chain on the caller's session.
 */
public interface Paged<E, I> extends PanacheRepositoryBase<E, I> {

    /** Page {@code page} (from 0) of {@code size} rows matching {@code filter} in {@code order}, with the total. */
    default Uni<PageView<E>> page(Where filter, Sort order, int page, int size) {
        PanacheQuery<E> rows = filter.isEmpty() ? findAll(order) : find(filter.hql(), order, filter.parameters());
        return rows.page(Page.of(page, size)).list()
                .chain(items -> count(filter).map(total -> new PageView<>(items, page, size, total)));
    }

    /** How many rows match {@code filter}. */
    default Uni<Long> count(Where filter) {
        return filter.isEmpty() ? count() : count(filter.hql(), filter.parameters());
    }
}
