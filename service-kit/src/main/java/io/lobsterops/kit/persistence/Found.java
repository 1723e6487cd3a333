package io.lobsterops.kit.persistence;

import java.util.List;

/** One page of rows a query found, with how many match in all (for {@code PageView.total}). */
public record Found<T>(List<T> items, long total) {
}
