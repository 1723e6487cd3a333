package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A suspension of the agent (kill switch): no maintenance fee is billed for it. */
@Entity
@Table(name = "service_pause")
public class ServicePause {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "paused_at", nullable = false)
    public Instant pausedAt;

    @Column(name = "resumed_at")
    public Instant resumedAt;

    protected ServicePause() {
    }

    public ServicePause(UUID engagementId, Instant pausedAt) {
        this.engagementId = engagementId;
        this.pausedAt = pausedAt;
    }

    public void resumed(Instant at) {
        this.resumedAt = at;
    }
}
