package io.lobsterops.kit.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with what a client needs to fetch the next one. A repository answers a page of its rows
 * ({@code io.lobsterops.kit.persistence.Paged}); a resource answers the same page of views through {@link #map}.
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

    /** The same page with each item made into {@code view}. */
    public <R> PageView<R> map(Function<? super T, ? extends R> view) {
        return new PageView<>(items.stream().<R>map(view).toList(), page, size, total);
    }
}
