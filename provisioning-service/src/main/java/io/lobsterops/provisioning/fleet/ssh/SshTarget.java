package io.lobsterops.provisioning.fleet.ssh;

/**
 * Where and as whom to connect, with the host key expected there. {@code pinnedFingerprint} null means trust on
 * first use: any key is accepted and reported back, for the caller to record.
 */
public record SshTarget(String address, int port, String user, String privateKey, String publicKeyLine,
        String pinnedFingerprint, String installDir) {

    @Override
    public String toString() {
        return user + "@" + address + ":" + port;
    }
}
