package io.lobsterops.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compatibility test kit. The shape of a payload is the set of its fields, one line each
 * ({@code <type> <path> <java type>}), nested records flattened with dots and enum constants listed. A published
 * shape is committed in {@value #SNAPSHOT}; a new version of the contract is compatible when every line of the
 * snapshot is still there: a field may be added, never removed, renamed or retyped.
 */
public final class ContractShape {

    public static final String SNAPSHOT = "/contract/engagement-events.snapshot";

    private ContractShape() {
    }

    /** The current shape of every payload in the catalog. */
    public static Set<String> current() {
        return of(EventCatalog.payloads());
    }

    public static Set<String> of(Map<String, ? extends Class<?>> payloads) {
        Set<String> lines = new TreeSet<>();
        payloads.forEach((type, payload) -> describe(type, "", payload, lines));
        return lines;
    }

    /** The committed snapshot: what has been published and must stay. */
    public static Set<String> published() {
        try (InputStream in = ContractShape.class.getResourceAsStream(SNAPSHOT)) {
            if (in == null) {
                throw new IllegalStateException("missing contract snapshot " + SNAPSHOT);
            }
            Set<String> lines = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(lines::add);
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read contract snapshot " + SNAPSHOT, e);
        }
    }

    /** The published lines that {@code candidate} lost: empty when {@code candidate} is compatible. */
    public static List<String> breakingChanges(Set<String> published, Set<String> candidate) {
        List<String> lost = new ArrayList<>();
        for (String line : published) {
            if (!candidate.contains(line)) {
                lost.add(line);
            }
        }
        return lost;
    }

    private static void describe(String type, String prefix, Class<?> payload, Set<String> lines) {
        for (RecordComponent component : payload.getRecordComponents()) {
            String path = prefix + component.getName();
            Class<?> raw = component.getType();
            lines.add(type + " " + path + " " + typeName(component.getGenericType()));
            if (raw.isRecord()) {
                describe(type, path + ".", raw, lines);
            } else if (raw.isEnum()) {
                Arrays.stream(raw.getEnumConstants())
                        .forEach(constant -> lines.add(type + " " + path + " enum " + ((Enum<?>) constant).name()));
            }
        }
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            StringBuilder name = new StringBuilder(((Class<?>) parameterized.getRawType()).getName()).append('<');
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                name.append(i == 0 ? "" : ",").append(typeName(arguments[i]));
            }
            return name.append('>').toString();
        }
        return type instanceof Class<?> c ? c.getName() : type.getTypeName();
    }
}
