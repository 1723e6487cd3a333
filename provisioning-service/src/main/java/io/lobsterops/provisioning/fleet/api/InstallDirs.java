package io.lobsterops.provisioning.fleet.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import io.lobsterops.kit.api.Problem;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/**
 * A host's install directory, normalised: relative to the login user's home without climbing out of it
 * ({@code ../../..} is refused), or absolute under one of the allowed roots ({@code /etc} is refused). Issue 16.
 */
final class InstallDirs {

    private InstallDirs() {
    }

    static String normalise(String requested, List<String> roots) {
        Path path;
        try {
            path = Path.of(requested).normalize();
        } catch (InvalidPathException e) {
            throw refused(requested, "is not a path");
        }
        String normal = path.toString();
        if (normal.isEmpty() || normal.equals(".") || normal.equals("..") || normal.startsWith("../")) {
            throw refused(requested, "must stay inside the login user's home");
        }
        if (path.isAbsolute()) {
            boolean allowed = roots.stream().map(root -> Path.of(root).normalize())
                    .anyMatch(root -> path.startsWith(root) && !path.equals(root));
            if (!allowed) {
                throw refused(requested, "must be relative to the login user's home or under " + String.join(", ", roots));
            }
        }
        return normal;
    }

    private static ProblemException refused(String requested, String why) {
        return new ProblemException(ProblemType.VALIDATION, "installDir " + why + ".",
                List.of(new Problem.Violation("installDir", why)));
    }
}
