package io.lobsterops.kit.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventCatalog;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native image keeps only what is registered: every payload of the catalog, and every record and enum it reaches
 * through its fields (nested, in lists and maps), must be in {@link ContractReflection}'s targets, or Jackson cannot
 * read or write it there. The JVM tests would never notice a missing one; this test does.
 */
class ContractReflectionTest {

    @Test
    void everyRecordAndEnumTheCatalogReachesIsRegistered() {
        Set<String> reached = new TreeSet<>();
        EventCatalog.payloads().values().forEach(payload -> reach(payload, reached));
        Set<String> registered = registered();

        Set<String> missing = new TreeSet<>(reached);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "contract classes a native image would lack: add them to ContractReflection");
        assertTrue(reached.size() >= EventCatalog.payloads().size(), "the walk found fewer classes than payloads");
    }

    @Test
    void theWalkFollowsNestedRecordsInListsAndEnums() {
        Set<String> reached = new TreeSet<>();
        reach(io.lobsterops.events.GoldSetEvaluated.class, reached);
        assertTrue(reached.contains(io.lobsterops.events.GoldSetEvaluated.CaseResult.class.getName()), reached::toString);
        assertTrue(reached.contains(io.lobsterops.events.GoldSetOccasion.class.getName()), reached::toString);
    }

    private static Set<String> registered() {
        RegisterForReflection annotation = ContractReflection.class.getAnnotation(RegisterForReflection.class);
        Set<String> names = new TreeSet<>();
        Arrays.stream(annotation.targets()).map(Class::getName).forEach(names::add);
        names.addAll(Arrays.asList(annotation.classNames()));
        return names;
    }

    private static void reach(Type type, Set<String> reached) {
        if (type instanceof ParameterizedType parameterized) {
            reach(parameterized.getRawType(), reached);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> reach(argument, reached));
        } else if (type instanceof GenericArrayType array) {
            reach(array.getGenericComponentType(), reached);
        } else if (type instanceof Class<?> cls) {
            if (cls.isArray()) {
                reach(cls.getComponentType(), reached);
                return;
            }
            if (!cls.getName().startsWith("io.lobsterops.") || !reached.add(cls.getName())) {
                return;
            }
            if (cls.isRecord()) {
                for (RecordComponent component : cls.getRecordComponents()) {
                    reach(component.getGenericType(), reached);
                }
            }
        }
    }
}
