package io.lobsterops.monitoring.domain;

import io.lobsterops.events.GatewayHealth;

/** A damped change of a gateway's health, published as gateway.health-changed. */
public record HealthTransition(GatewayHealth from, GatewayHealth to, String reason) {
}
