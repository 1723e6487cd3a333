package io.lobsterops.monitoring.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.lobsterops.events.GatewayHealth;

/**
 * Availability over a period from the damped health changes: the time each gateway spent UP against the time it spent
 * in a known state (UP, DOWN, HOST_UNREACHABLE, HOST_KEY_CHANGED). UNKNOWN (before the first probe) counts for neither
 * side; a gateway counts from its installation on. The health at the start of the period is the last change before it.
 */
public final class Availability {

    private Availability() {
    }

    public record Watched(UUID gatewayId, Instant installedAt) {
    }

    public static ReportFigures.Availability of(List<Watched> gateways, List<HealthChange> changes, Instant from,
            Instant to) {
        long up = 0;
        long down = 0;
        int inPeriod = 0;
        for (Watched gateway : gateways) {
            Instant start = gateway.installedAt().isAfter(from) ? gateway.installedAt() : from;
            if (!start.isBefore(to)) {
                continue;
            }
            List<HealthChange> own = changes.stream().filter(c -> c.gatewayId.equals(gateway.gatewayId()))
                    .sorted(Comparator.comparing((HealthChange c) -> c.changedAt)).toList();
            GatewayHealth health = GatewayHealth.UNKNOWN;
            Instant cursor = start;
            for (HealthChange change : own) {
                if (!change.changedAt.isAfter(start)) {
                    health = change.to;
                    continue;
                }
                if (!change.changedAt.isBefore(to)) {
                    break;
                }
                inPeriod++;
                long seconds = Duration.between(cursor, change.changedAt).toSeconds();
                if (health == GatewayHealth.UP) {
                    up += seconds;
                } else if (health != GatewayHealth.UNKNOWN) {
                    down += seconds;
                }
                health = change.to;
                cursor = change.changedAt;
            }
            long seconds = Duration.between(cursor, to).toSeconds();
            if (health == GatewayHealth.UP) {
                up += seconds;
            } else if (health != GatewayHealth.UNKNOWN) {
                down += seconds;
            }
        }
        Double percent = up + down == 0 ? null : Math.round(up * 10_000.0 / (up + down)) / 100.0;
        return new ReportFigures.Availability(percent, up / 60, down / 60, inPeriod);
    }
}
