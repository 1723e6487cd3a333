package io.lobsterops.provisioning.fleet.ssh;

/** The host presented another key than the one pinned: every operation on it is refused. */
public class HostKeyMismatchException extends SshException {

    private final String expected;
    private final String presented;

    public HostKeyMismatchException(String target, String expected, String presented) {
        super("host " + target + " presented host key " + presented + " but " + expected + " is pinned", null);
        this.expected = expected;
        this.presented = presented;
    }

    public String expected() {
        return expected;
    }

    public String presented() {
        return presented;
    }
}
