package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;

/** What a host told about itself on the last connection. */
public record HostFacts(String os, String kernel, Integer cpus, Long memoryMb, Long freeDiskMb, String nodeVersion,
        String openclawVersion, Boolean systemdUser, Instant gatheredAt) {
}
