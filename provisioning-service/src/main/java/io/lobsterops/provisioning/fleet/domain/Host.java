package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A machine gateways run on, reached over SSH with its own key pair. Its host key is pinned on first contact; a host
 * that later presents another key is marked {@link HostStatus#HOST_KEY_CHANGED} and every operation is refused.
 */
@Entity
@Table(name = "host")
public class Host {

    public enum TrustMode {
        EXPECTED,
        FIRST_USE
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String address;

    @Column(name = "ssh_port", nullable = false)
    public int sshPort;

    @Column(name = "login_user", nullable = false)
    public String loginUser;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostKind kind;

    @Column(nullable = false)
    public int capacity;

    public String region;

    /** Where Node and openclaw are installed on the host: relative to the login user's HOME, or absolute. */
    @Column(name = "install_dir", nullable = false)
    public String installDir;

    @Column(name = "public_key", nullable = false)
    public String publicKey;

    @Column(name = "private_key_sealed", nullable = false)
    public String privateKeySealed;

    @Column(name = "host_key_fingerprint")
    public String hostKeyFingerprint;

    @Enumerated(EnumType.STRING)
    @Column(name = "trust_mode")
    public TrustMode trustMode;

    @Column(name = "trusted_by")
    public String trustedBy;

    @Column(name = "trusted_at")
    public Instant trustedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostStatus status;

    @Column(name = "presented_fingerprint")
    public String presentedFingerprint;

    @Column(name = "facts_os")
    public String factsOs;

    @Column(name = "facts_kernel")
    public String factsKernel;

    @Column(name = "facts_cpus")
    public Integer factsCpus;

    @Column(name = "facts_memory_mb")
    public Long factsMemoryMb;

    @Column(name = "facts_free_disk_mb")
    public Long factsFreeDiskMb;

    @Column(name = "facts_node_version")
    public String factsNodeVersion;

    @Column(name = "facts_openclaw_version")
    public String factsOpenclawVersion;

    @Column(name = "facts_systemd_user")
    public Boolean factsSystemdUser;

    @Column(name = "facts_at")
    public Instant factsAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Version
    public int version;

    protected Host() {
    }

    public static Host register(String name, String address, int sshPort, String loginUser, HostKind kind,
            int capacity, String region, String installDir, String publicKey, String privateKeySealed, String by, Instant now) {
        Host host = new Host();
        host.id = UUID.randomUUID();
        host.name = name;
        host.address = address;
        host.sshPort = sshPort;
        host.loginUser = loginUser;
        host.kind = kind;
        host.capacity = kind == HostKind.DEDICATED ? Math.min(capacity, 1) : capacity;
        host.region = region;
        host.installDir = installDir;
        host.publicKey = publicKey;
        host.privateKeySealed = privateKeySealed;
        host.status = HostStatus.UNTRUSTED;
        host.registeredBy = by;
        host.registeredAt = now;
        return host;
    }

    /**
     * The platform's own key pair for this host: the public key line to authorize there, the private key sealed under
     * {@link #sshKeyContext()} (which needs the host's id, hence after {@link #register}).
     */
    public void keyPair(String publicKeyLine, String privateKeySealed) {
        publicKey = publicKeyLine;
        this.privateKeySealed = privateKeySealed;
    }

    /** Pins {@code fingerprint}, expected by a person or accepted on first use. */
    public void trust(String fingerprint, TrustMode mode, String by, Instant now) {
        hostKeyFingerprint = fingerprint;
        trustMode = mode;
        trustedBy = by;
        trustedAt = now;
        status = HostStatus.TRUSTED;
        presentedFingerprint = null;
    }

    /** The platform's keys were removed from the host with its last gateway's termination. */
    public void accessRevoked() {
        status = HostStatus.ACCESS_REVOKED;
    }

    public void hostKeyChanged(String presented) {
        status = HostStatus.HOST_KEY_CHANGED;
        presentedFingerprint = presented;
    }

    public void recordFacts(HostFacts facts) {
        factsOs = facts.os();
        factsKernel = facts.kernel();
        factsCpus = facts.cpus();
        factsMemoryMb = facts.memoryMb();
        factsFreeDiskMb = facts.freeDiskMb();
        factsNodeVersion = facts.nodeVersion();
        factsOpenclawVersion = facts.openclawVersion();
        factsSystemdUser = facts.systemdUser();
        factsAt = facts.gatheredAt();
    }

    public HostFacts facts() {
        return factsAt == null ? null : new HostFacts(factsOs, factsKernel, factsCpus, factsMemoryMb, factsFreeDiskMb,
                factsNodeVersion, factsOpenclawVersion, factsSystemdUser, factsAt);
    }

    public String sshKeyContext() {
        return "host/" + id + "/ssh-key";
    }

    /**
     * The gateways this host can take: its declared capacity, lowered to what its memory holds once
     * {@code reservedMb} is kept for the system and each gateway counts {@code perGatewayMb}. Before facts are gathered
     * the declared capacity stands (placement needs a trusted host, and trusting gathers them).
     */
    public int gatewaysThatFit(long perGatewayMb, long reservedMb) {
        if (factsMemoryMb == null || perGatewayMb <= 0) {
            return capacity;
        }
        long fit = Math.max(0, (factsMemoryMb - reservedMb) / perGatewayMb);
        return (int) Math.min(capacity, fit);
    }
}
