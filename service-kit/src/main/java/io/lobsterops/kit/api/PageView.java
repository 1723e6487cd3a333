package io.lobsterops.kit.api;

import java.util.List;

/** One page of a list, with what a client needs to fetch the next one. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
