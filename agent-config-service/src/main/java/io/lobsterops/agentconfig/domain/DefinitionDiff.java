package io.lobsterops.agentconfig.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What changes between two agent definitions, field by field: a nested object is compared field by field (its
 * changes are named {@code dailyCycle.times}), a list answers the items added and removed besides both versions, any
 * other value its two versions. Fields equal on both sides are left out.
 */
public final class DefinitionDiff {

    private DefinitionDiff() {
    }

    /** One changed field: its dotted path, both values, and for a list the items added and removed. */
    public record Change(String field, JsonNode current, JsonNode regenerated,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<JsonNode> added,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<JsonNode> removed) {
    }

    public static List<Change> between(JsonNode current, JsonNode regenerated) {
        List<Change> changes = new ArrayList<>();
        compare("", current, regenerated, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            after.fieldNames().forEachRemaining(fields::add);
            before.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field), changes);
            }
            return;
        }
        if (before != null && after != null && before.isArray() && after.isArray()) {
            changes.add(new Change(path, before, after, missingFrom(before, after), missingFrom(after, before)));
            return;
        }
        changes.add(new Change(path, before, after, null, null));
    }

    /** The items of {@code list} not in {@code other}, counting duplicates. */
    private static List<JsonNode> missingFrom(JsonNode other, JsonNode list) {
        List<JsonNode> remaining = new ArrayList<>();
        other.forEach(remaining::add);
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode item : list) {
            if (!remaining.remove(item)) {
                missing.add(item);
            }
        }
        return missing;
    }
}
