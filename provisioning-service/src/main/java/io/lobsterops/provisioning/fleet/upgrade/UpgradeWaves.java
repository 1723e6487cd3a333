package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.upgrade.UpgradeWave.Member;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Fleet upgrades in waves (ADR 0058): a wave is checked whole before anything runs, then each step of it is one
 * transaction — the canary's upgrade requested at once, every next one only when the one before was kept (the
 * upgrade runner's sweep starts a requested upgrade), the wave halted at the first rollback or failure.
 */
@ApplicationScoped
public class UpgradeWaves {

    private static final Logger LOG = Logger.getLogger(UpgradeWaves.class);

    private final UpgradeWaveRepository waves;
    private final UpgradeRepository upgrades;
    private final GatewayRepository gateways;
    private final UpgradeService upgradeService;
    private final Clock clock = Clock.systemUTC();

    public UpgradeWaves(UpgradeWaveRepository waves, UpgradeRepository upgrades, GatewayRepository gateways,
            UpgradeService upgradeService) {
        this.waves = waves;
        this.upgrades = upgrades;
        this.gateways = gateways;
        this.upgradeService = upgradeService;
    }

    /**
     * Checks the whole wave — every gateway known, listed once, RUNNING, not on the version yet, in no upgrade or
     * other running wave — and starts it with the canary's upgrade; refused whole (nothing stored) otherwise.
     */
    @WithTransaction
    public Uni<UpgradeWave> start(String toVersion, List<UUID> gatewayIds, String by) {
        Set<UUID> seen = new HashSet<>();
        List<UUID> twice = gatewayIds.stream().filter(id -> !seen.add(id)).distinct().toList();
        if (!twice.isEmpty()) {
            throw ProblemException.badRequest("A gateway goes once in a wave; listed more than once: " + twice + ".");
        }
        return gateways.list("id in ?1", gatewayIds).chain(found -> {
            Map<UUID, Gateway> byId = found.stream().collect(Collectors.toMap(g -> g.id, Function.identity()));
            List<UUID> unknown = gatewayIds.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No gateway " + unknown + ".");
            }
            List<String> notRunning = found.stream().filter(g -> g.state != GatewayState.RUNNING)
                    .map(g -> g.id + " is " + g.state).toList();
            if (!notRunning.isEmpty()) {
                throw new ProblemException(ProvisioningProblems.NOT_UPGRADABLE, "Only RUNNING gateways are upgraded: "
                        + String.join(", ", notRunning) + ".");
            }
            List<UUID> already = found.stream().filter(g -> g.openclawVersion.equals(toVersion)).map(g -> g.id)
                    .toList();
            if (!already.isEmpty()) {
                throw new ProblemException(ProvisioningProblems.SAME_VERSION, "Already on OpenClaw " + toVersion + ": "
                        + already + ".");
            }
            return upgrades.list("gatewayId in ?1 and status in ('PENDING', 'RUNNING', 'INTERRUPTED',"
                    + " 'ROLLING_BACK')", gatewayIds).chain(open -> {
                        if (!open.isEmpty()) {
                            throw new ProblemException(ProvisioningProblems.UPGRADE_RUNNING, "Upgrades under way: "
                                    + open.stream().map(u -> "gateway " + u.gatewayId + " (upgrade " + u.id + ")")
                                            .collect(Collectors.joining(", ")) + "; one upgrade at a time.");
                        }
                        return waves.running();
                    }).chain(running -> {
                        Set<UUID> inWaves = new LinkedHashSet<>();
                        running.forEach(w -> w.members().stream().map(Member::gatewayId)
                                .filter(gatewayIds::contains).forEach(inWaves::add));
                        if (!inWaves.isEmpty()) {
                            throw new ProblemException(ProvisioningProblems.IN_A_WAVE,
                                    "In a running wave already: " + inWaves + ".");
                        }
                        UpgradeWave wave = UpgradeWave.started(toVersion, gatewayIds.stream().map(id -> new Member(id,
                                byId.get(id).engagementId, Member.WAITING, null, null)).toList(), by, now());
                        return waves.persist(wave).chain(this::step);
                    });
        });
    }

    /** One step of a running wave, when its current gateway's upgrade has ended: see {@link #step}. */
    @WithTransaction
    public Uni<UpgradeWave> advance(UUID id) {
        return waves.findById(id).chain(wave -> wave == null || !UpgradeWave.RUNNING.equals(wave.status)
                ? Uni.createFrom().item(wave) : step(wave));
    }

    @WithSession
    public Uni<List<UUID>> running() {
        return waves.running().map(list -> list.stream().map(w -> w.id).toList());
    }

    @WithSession
    public Uni<UpgradeWave> find(UUID id) {
        return waves.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Upgrade wave", id));
    }

    @WithSession
    public Uni<List<UpgradeWave>> newestFirst(int limit) {
        return waves.newestFirst(limit);
    }

    /**
     * Moves the wave as far as it can go now: the gateway upgrading still runs (nothing to do), was kept (the next
     * one's upgrade is requested), or was rolled back or failed (the wave halts, the rest stay on their version). A
     * gateway already on the version when its turn comes is skipped; one no longer RUNNING halts the wave; one whose
     * upgrade a person started by hand meanwhile is waited for.
     */
    private Uni<UpgradeWave> step(UpgradeWave wave) {
        List<Member> list = new ArrayList<>(wave.members());
        int at = indexOfCurrent(list);
        if (at < 0) {
            wave.complete(list, now());
            LOG.infof("upgrade wave %s to %s completed: %d gateway(s)", wave.id, wave.toVersion, list.size());
            return Uni.createFrom().item(wave);
        }
        Member member = list.get(at);
        if (Member.UPGRADING.equals(member.status())) {
            return upgrades.findById(member.upgradeId()).chain(upgrade -> {
                if (!upgrade.finished()) {
                    return Uni.createFrom().item(wave);
                }
                if (Upgrade.UPGRADED.equals(upgrade.status)) {
                    list.set(at, member.with(Upgrade.UPGRADED, upgrade.id, upgrade.goldSetScore == null ? "kept"
                            : "kept; gold set score " + upgrade.goldSetScore));
                    wave.members(list);
                    return step(wave);
                }
                String why = "step " + upgrade.failedStep + ": " + upgrade.failureReason;
                list.set(at, member.with(upgrade.status, upgrade.id, why));
                halt(wave, list, "gateway " + member.gatewayId() + " " + upgrade.status + " at " + why);
                return Uni.createFrom().item(wave);
            });
        }
        return gateways.findById(member.gatewayId()).chain(gateway -> {
            if (gateway.openclawVersion.equals(wave.toVersion)) {
                list.set(at, member.with(Member.SKIPPED, null, "already on " + wave.toVersion + " when its turn came"));
                wave.members(list);
                return step(wave);
            }
            if (gateway.state != GatewayState.RUNNING) {
                list.set(at, member.with(Member.NOT_UPGRADED, null, "the gateway was " + gateway.state
                        + " when its turn came"));
                halt(wave, list, "gateway " + gateway.id + " was " + gateway.state + " when its turn came");
                return Uni.createFrom().item(wave);
            }
            return upgrades.openOf(gateway.id).chain(open -> {
                if (open != null) {
                    LOG.debugf("upgrade wave %s waits for upgrade %s of gateway %s", wave.id, open.id, gateway.id);
                    return Uni.createFrom().item(wave);
                }
                return upgradeService.request(gateway.id, wave.toVersion, wave.requestedBy + " (wave " + wave.id + ")")
                        .map(upgrade -> {
                            list.set(at, member.with(Member.UPGRADING, upgrade.id, at == 0 ? "the canary" : null));
                            wave.members(list);
                            LOG.infof("upgrade wave %s: gateway %s (%d of %d) upgrading to %s (upgrade %s)", wave.id,
                                    gateway.id, at + 1, list.size(), wave.toVersion, upgrade.id);
                            return wave;
                        });
            });
        });
    }

    private void halt(UpgradeWave wave, List<Member> list, String reason) {
        long left = list.stream().filter(m -> Member.WAITING.equals(m.status())).count();
        wave.halt(list, reason + "; " + left + " gateway(s) left on their version", now());
        LOG.warnf("upgrade wave %s to %s halted: %s", wave.id, wave.toVersion, wave.haltedReason);
    }

    /** The member upgrading, or else the first waiting; -1 when every member is done. */
    private static int indexOfCurrent(List<Member> list) {
        for (int i = 0; i < list.size(); i++) {
            String status = list.get(i).status();
            if (Member.UPGRADING.equals(status) || Member.WAITING.equals(status)) {
                return i;
            }
        }
        return -1;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
