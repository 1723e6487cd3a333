package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.HealthChange;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.MonitoredHost;
import io.lobsterops.monitoring.domain.ReleasedFile;
import io.lobsterops.monitoring.persistence.HealthChangeRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.MonitoredHostRepository;
import io.lobsterops.monitoring.persistence.ReleasedFileRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Registers engagements for monitoring on {@code engagement.opened}, follows their stage, and knows their gateways
 * from provisioning's events alone: installed → probed; suspended → not probed; resumed → probed again; terminated →
 * never again. The event methods run inside the inbox's transaction, which also records the event id.
 */
@ApplicationScoped
public class MonitoringService {

    private final MonitoredEngagementRepository engagements;
    private final MonitoredGatewayRepository gateways;
    private final HealthChangeRepository changes;
    private final MonitoredHostRepository hosts;
    private final ReleasedFileRepository releasedFiles;
    private final MonitoringConfig.StabilityWindow window;

    public MonitoringService(MonitoredEngagementRepository engagements, MonitoredGatewayRepository gateways,
            HealthChangeRepository changes, MonitoredHostRepository hosts, ReleasedFileRepository releasedFiles,
            MonitoringConfig config) {
        this.hosts = hosts;
        this.releasedFiles = releasedFiles;
        this.engagements = engagements;
        this.gateways = gateways;
        this.changes = changes;
        this.window = config.stabilityWindow();
    }

    public Uni<Void> register(EngagementOpened opened) {
        boolean sensitive = StabilityService.sensitive(opened.sector(), window);
        return engagements.findById(opened.engagementId())
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : engagements.persist(MonitoredEngagement.register(opened.engagementId(), opened.clientId(),
                                opened.clientName(), opened.sector(), sensitive, opened.stage(), opened.openedAt(),
                                sensitive ? window.sensitiveDuration() : window.duration())).replaceWithVoid());
    }

    public Uni<Void> follow(EngagementStageChanged changed) {
        return registered(changed.engagementId(), "stage change")
                .invoke(engagement -> engagement.follow(changed.to(), changed.changedAt(),
                        StabilityService.windowOf(engagement, window)))
                .call(engagement -> changed.to() == Stage.TERMINATED
                        ? probing(changed.engagementId(), false, changed.changedAt())
                        : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /**
     * provisioning's client.renamed (ADR 0059): the client's engagements take the corrected name in the cockpit and the
     * reports to come; a report already made keeps its name. Idempotent; an unknown client updates nothing.
     */
    public Uni<Void> clientRenamed(ClientRenamed renamed) {
        return engagements.update("clientName = ?1 where clientId = ?2 and clientName <> ?1", renamed.newName(),
                renamed.clientId()).replaceWithVoid();
    }

    /** host.registered / host.changed: how to reach the host (a later event carries the whole current access). */
    public Uni<Void> host(HostRegistered registered) {
        return hostAccess(registered.hostId(), registered.name(), registered.address(), registered.sshPort(),
                registered.loginUser(), registered.hostKeyFingerprint(), registered.installDir(),
                registered.registeredAt());
    }

    public Uni<Void> host(HostChanged changed) {
        return hostAccess(changed.hostId(), null, changed.address(), changed.sshPort(), changed.loginUser(),
                changed.hostKeyFingerprint(), changed.installDir(), changed.changedAt());
    }

    private Uni<Void> hostAccess(UUID hostId, String name, String address, int port, String user, String fingerprint,
            String installDir, Instant at) {
        return hosts.findById(hostId).chain(existing -> {
            MonitoredHost host = existing != null ? existing : new MonitoredHost(hostId, name);
            host.access(address, port, user, fingerprint, installDir, at);
            return existing != null ? Uni.createFrom().voidItem() : hosts.persist(host).replaceWithVoid();
        });
    }

    /** config.approved: the release's workspace files, by hash and content, for the drift check and its diff. */
    public Uni<Void> released(ConfigApproved approved) {
        List<ReleasedFile> files = approved.files() == null ? List.of() : approved.files().stream()
                .filter(f -> f.sha256() != null)
                .map(f -> new ReleasedFile(approved.engagementId(), approved.commit(), f.path(), f.sha256(),
                        f.content()))
                .toList();
        if (files.isEmpty()) {
            // nothing to compare with (persisting an empty list fails: "The Uni set is empty")
            return Uni.createFrom().voidItem();
        }
        return releasedFiles.countOf(approved.engagementId(), approved.commit()).chain(known -> known > 0
                ? Uni.createFrom().voidItem()
                : releasedFiles.persist(files).replaceWithVoid());
    }

    /** agent.deployed: this release now runs on the gateway. */
    public Uni<Void> deployed(AgentDeployed deployed) {
        return registered(deployed.engagementId(), "agent.deployed").invoke(engagement -> engagement.deployed(deployed.commit(), deployed.tag()))
                .replaceWithVoid();
    }

    /** gateway.installed: the gateway is watched from the next sweep on, never created by hand. */
    public Uni<Void> installed(GatewayInstalled installed) {
        return registered(installed.engagementId(), "gateway.installed").chain(engagement -> gateways
                .findById(installed.gatewayId()).chain(existing -> {
                    engagement.gatewayWatched(installed.installedAt());
                    boolean probing = engagement.stage != Stage.SUSPENDED && engagement.stage != Stage.TERMINATED;
                    if (existing != null) {
                        existing.reinstalled(installed.port(), installed.openclawVersion());
                        return Uni.createFrom().voidItem();
                    }
                    return gateways.persist(MonitoredGateway.installed(installed.gatewayId(), installed.engagementId(),
                            installed.clientId(), installed.hostId(), installed.profile(), installed.port(),
                            installed.openclawVersion(), probing, installed.installedAt())).replaceWithVoid();
                }));
    }

    /** agent.terminated: the gateway is never probed again (a stage change to TERMINATED does the same). */
    public Uni<Void> terminated(UUID engagementId, Instant at) {
        return probing(engagementId, false, at);
    }

    /** agent.upgraded: the gateway runs the new OpenClaw version. */
    public Uni<Void> upgraded(UUID gatewayId, String version) {
        return gateways.findById(gatewayId).invoke(gateway -> {
            if (gateway != null) {
                gateway.upgraded(version);
            }
        }).replaceWithVoid();
    }

    public Uni<Void> suspended(AgentSuspended suspended) {
        return probing(suspended.engagementId(), false, suspended.suspendedAt());
    }

    public Uni<Void> resumed(AgentResumed resumed) {
        return probing(resumed.engagementId(), true, resumed.resumedAt());
    }

    private Uni<Void> probing(UUID engagementId, boolean on, Instant at) {
        return gateways.ofEngagement(engagementId).invoke(list -> list.forEach(gateway -> gateway.probing(on, at)))
                .replaceWithVoid();
    }

    private Uni<MonitoredEngagement> registered(UUID engagementId, String what) {
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("no monitored engagement " + engagementId
                        + " for a " + what + " (its engagement.opened was not processed)"));
    }

    /** One engagement's monitoring with its gateways and their last health changes. */
    public record Detail(MonitoredEngagement engagement, List<MonitoredGateway> gateways, List<HealthChange> changes) {
    }

    @WithSession
    public Uni<Detail> find(UUID engagementId, Optional<String> clientScope) {
        return engagements.requireVisible(engagementId, clientScope, "Monitoring of engagement")
                .chain(engagement -> gateways.ofEngagement(engagementId)
                        .chain(list -> changes.lastOf(engagementId, 20)
                                .map(last -> new Detail(engagement, list, last))));
    }

    /** One row of the cockpit: an engagement and its gateways' health. */
    public record Row(MonitoredEngagement engagement, List<MonitoredGateway> gateways) {
    }

    @WithSession
    public Uni<PageView<Row>> page(Optional<String> clientScope, Optional<Stage> stage, Optional<GatewayHealth> health,
            Optional<String> client, int page, int size) {
        return engagements.page(clientScope, stage, health, client, page, size)
                .chain(found -> gateways.ofEngagements(found.items().stream().map(e -> e.engagementId).toList())
                        .map(all -> found.map(e -> new Row(e, all.stream()
                                .filter(g -> g.engagementId.equals(e.engagementId)).toList()))));
    }

    /** A host with its gateways' measured memory: what placement can count instead of a fixed 1 GB per gateway. */
    public record HostMemory(MonitoredHost host, List<MonitoredGateway> gateways) {
    }

    @WithSession
    public Uni<List<HostMemory>> hosts() {
        return hosts.listAll().chain(all -> gateways.listAll().map(every -> all.stream()
                .sorted(java.util.Comparator.comparing((MonitoredHost h) -> h.hostId))
                .map(host -> new HostMemory(host, every.stream().filter(g -> g.hostId.equals(host.hostId))
                        .filter(g -> g.probing).toList()))
                .toList()));
    }

    @WithSession
    public Uni<List<MonitoredGateway>> probes(Optional<String> clientScope) {
        return gateways.visible(clientScope);
    }
}
