package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How monitoring reaches a host with its own key, as provisioning published it: address, SSH port, login user and
 * the pinned host key. A host whose key is not pinned yet is not probed (monitoring never trusts on first use).
 */
@Entity
@Table(name = "monitored_host")
public class MonitoredHost {

    @Id
    @Column(name = "host_id")
    public UUID hostId;

    public String name;

    @Column(nullable = false)
    public String address;

    @Column(name = "ssh_port", nullable = false)
    public int sshPort;

    @Column(name = "login_user", nullable = false)
    public String loginUser;

    @Column(name = "host_key_fingerprint")
    public String hostKeyFingerprint;

    @Column(name = "install_dir", nullable = false)
    public String installDir;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected MonitoredHost() {
    }

    public MonitoredHost(UUID hostId, String name) {
        this.hostId = hostId;
        this.name = name;
    }

    public void access(String address, int sshPort, String loginUser, String hostKeyFingerprint, String installDir,
            Instant at) {
        this.address = address;
        this.sshPort = sshPort;
        this.loginUser = loginUser;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.installDir = installDir;
        this.updatedAt = at;
    }

    public boolean probeable() {
        return hostKeyFingerprint != null && !hostKeyFingerprint.isBlank();
    }
}
