package io.lobsterops.provisioning.fleet.domain;

/** A dedicated VPS runs one client's gateway(s); a shared host runs up to its capacity, each in its own profile. */
public enum HostKind {
    DEDICATED,
    SHARED
}
