package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An {@code openclaw backup create --verify} archive kept on the gateway's host. */
@Entity
@Table(name = "gateway_backup")
public class GatewayBackup {

    @Id
    public UUID id;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    @Column(name = "archive_path", nullable = false)
    public String archivePath;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
