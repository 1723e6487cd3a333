package io.lobsterops.provisioning.support;

import java.util.ArrayList;
import java.util.List;

import io.lobsterops.testkit.Processes;
import io.lobsterops.testkit.TestHost;

/** The openclaw provisioning installed on the test run's host ({@link TestHost}), run as the host's operator would. */
public final class HostOpenClaw {

    private HostOpenClaw() {
    }

    /** Runs the openclaw installed under {@code ~/installDir} as the host's user; answers stdout. */
    public static String run(String installDir, String... args) {
        String home = TestHost.HOME;
        List<String> command = new ArrayList<>(List.of("runuser", "-u", TestHost.USER, "--", "env", "-i",
                "HOME=" + home, "NO_COLOR=1", "PATH=" + home + "/" + installDir + "/node/node_modules/.bin:" + home + "/"
                        + installDir + "/openclaw/2026.9.6/bin:/usr/bin:/bin", "openclaw"));
        command.addAll(List.of(args));
        return Processes.run(command);
    }
}
