package io.lobsterops.monitoring.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import io.lobsterops.kit.api.ProblemException;

/** Query parameters read as the caller's mistake (400) when malformed, never as a missing resource (404). */
final class Queries {

    private Queries() {
    }

    static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equalsIgnoreCase(value.strip()))
                .findFirst().map(Optional::of)
                .orElseThrow(() -> ProblemException.badRequest(name + " " + value + " is not one of "
                        + Arrays.toString(type.getEnumConstants())));
    }

    static Optional<UUID> uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " " + value + " is not a UUID");
        }
    }

    static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " " + value + " is not a date (yyyy-MM-dd)");
        }
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
