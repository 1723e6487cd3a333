package io.lobsterops.notification.api;

import java.util.Locale;
import java.util.Optional;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/**
 * {@code page} (from 0) and {@code size} (1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}) of every list of
 * this service. Parsed here, not by JAX-RS, so that a value that is not a number answers 400 like one out of range
 * (JAX-RS answers 404 for a query parameter it cannot convert).
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(String page, String size) {
        int number = parse("page", page, 0);
        int rows = parse("size", size, DEFAULT_SIZE);
        if (number < 0) {
            throw invalid("page: must be 0 or more");
        }
        if (rows < 1 || rows > MAX_SIZE) {
            throw invalid("size: must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(number, rows);
    }

    /** An optional true/false query parameter; anything else answers 400. */
    public static Optional<Boolean> bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw invalid(name + ": must be true or false");
        };
    }

    private static int parse(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(name + ": must be a whole number");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
