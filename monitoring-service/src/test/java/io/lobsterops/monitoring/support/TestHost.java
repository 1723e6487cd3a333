package io.lobsterops.monitoring.support;

/**
 * The SSH test host instance monitoring's tests drive (dev/testhost.sh, ADR 0022): its own sshd, port and user, set
 * by this module's build (surefire's environment, inherited by the dev/ scripts the tests run), so that
 * provisioning's tests, which reset their own host user, can run at the same time (ADR 0051). Run outside the build,
 * the defaults are the shared test host's.
 */
public final class TestHost {

    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("LOBSTEROPS_TESTHOST_PORT", "2222"));
    public static final String USER = System.getenv().getOrDefault("LOBSTEROPS_TESTHOST_USER", "lobster-host");
    /** The user's home directory, as useradd -m creates it. */
    public static final String HOME = "/home/" + USER;

    private TestHost() {
    }
}
