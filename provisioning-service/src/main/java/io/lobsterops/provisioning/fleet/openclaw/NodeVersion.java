package io.lobsterops.provisioning.fleet.openclaw;

/** openclaw's engines: {@code >=24.16.0 <25 || >=26.1.0} (docs/openclaw.md, "Runtime and install"). */
final class NodeVersion {

    private NodeVersion() {
    }

    public static boolean supported(String version) {
        if (version == null || !version.matches("v?\\d+\\.\\d+\\.\\d+.*")) {
            return false;
        }
        String[] parts = version.replaceFirst("^v", "").split("[.\\-]");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return (major == 24 && minor >= 16) || (major == 26 && minor >= 1) || major > 26;
    }
}
