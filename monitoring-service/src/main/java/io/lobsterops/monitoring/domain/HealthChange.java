package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.GatewayHealth;

/** One damped change of a gateway's health, newest first in the engagement's monitoring. */
@Entity
@Table(name = "health_change")
public class HealthChange {

    @Id
    public UUID id;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_health", nullable = false)
    public GatewayHealth from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_health", nullable = false)
    public GatewayHealth to;

    @Column(nullable = false)
    public String reason;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected HealthChange() {
    }

    public HealthChange(MonitoredGateway gateway, HealthTransition transition, Instant at) {
        this.id = UUID.randomUUID();
        this.gatewayId = gateway.gatewayId;
        this.engagementId = gateway.engagementId;
        this.from = transition.from();
        this.to = transition.to();
        this.reason = transition.reason();
        this.changedAt = at;
    }
}
