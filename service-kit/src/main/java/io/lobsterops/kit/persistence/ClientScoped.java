package io.lobsterops.kit.persistence;

import java.util.Optional;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A repository of rows that belong to clients, read within the caller's tenant scope: a client user (a present
 * {@code clientScope}, from {@code Caller.clientScope()}) finds, lists and counts only its own client's rows, staff
 * (an empty one) every row. The scope is part of the query, never a filter after loading, and another client's row
 * is simply not found: the same 404 as a row that does not exist.
 *
 * <p>A repository states its entity and, where they differ from the defaults, where the row's id and its client's id
 * are ({@link #idPath()}, {@link #clientPath()}) and what else a client user must meet ({@link #clientSees()}); then
 * its own filters. The queries are written here once.
 */
public interface ClientScoped<E, I> extends Paged<E, I> {

    /**
     * The HQL path of the id of the client a row belongs to: {@code clientId}, the platform's column for it, unless
     * the entity holds it elsewhere ({@code client.id}).
     */
    default String clientPath() {
        return "clientId";
    }

    /** The HQL path of the row's id; {@code id} unless the entity names it otherwise ({@code engagementId}). */
    default String idPath() {
        return "id";
    }

    /**
     * What a client user must meet besides being the row's client (only approved reports, only messages addressed
     * to clients); nothing more by default. Its parameter names must differ from {@code scope} and {@code id}.
     */
    default Where clientSees() {
        return Where.all();
    }

    /** {@code filter} restricted to what {@code clientScope} may see (staff: {@code filter} as it is). */
    default Where visible(Optional<String> clientScope, Where filter) {
        return clientScope.map(client -> filter.and(clientPath() + " = :scope", "scope", client).and(clientSees()))
                .orElse(filter);
    }

    /** The row if it exists and {@code clientScope} may see it, else null. */
    default Uni<E> findVisible(I id, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(id);
        }
        Where where = visible(clientScope, Where.of(idPath() + " = :id", "id", id));
        return find(where.hql(), where.parameters()).firstResult();
    }

    /** The row if {@code clientScope} may see it, else the 404 problem "{@code what} {@code id} does not exist". */
    default Uni<E> requireVisible(I id, Optional<String> clientScope, String what) {
        return findVisible(id, clientScope).onItem().ifNull().failWith(() -> ProblemException.notFound(what, id));
    }

    /** A page of the rows matching {@code filter} that {@code clientScope} may see, with their total. */
    default Uni<PageView<E>> pageVisible(Optional<String> clientScope, Where filter, Sort order, int page, int size) {
        return page(visible(clientScope, filter), order, page, size);
    }

    /** How many rows matching {@code filter} {@code clientScope} may see. */
    default Uni<Long> countVisible(Optional<String> clientScope, Where filter) {
        return count(visible(clientScope, filter));
    }
}
