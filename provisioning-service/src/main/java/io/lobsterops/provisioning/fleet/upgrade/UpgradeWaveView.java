package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A fleet upgrade with each gateway's place, status and upgrade (follow one at /upgrades/{upgradeId}). */
public record UpgradeWaveView(UUID id, String toVersion, String status, String haltedReason, String requestedBy,
        Instant createdAt, Instant finishedAt, List<UpgradeWave.Member> members) {

    static UpgradeWaveView from(UpgradeWave wave) {
        return new UpgradeWaveView(wave.id, wave.toVersion, wave.status, wave.haltedReason, wave.requestedBy,
                wave.createdAt, wave.finishedAt, wave.members());
    }
}
