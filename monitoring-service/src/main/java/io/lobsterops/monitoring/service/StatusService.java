package io.lobsterops.monitoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.monitoring.domain.EscalationRule;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.domain.LineDiff;
import io.lobsterops.monitoring.domain.ReleasedFile;
import io.lobsterops.monitoring.domain.WorkspaceDrift;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.ReleasedFileRepository;
import io.lobsterops.monitoring.ssh.HostConnections;
import io.lobsterops.monitoring.ssh.HostTarget;
import io.lobsterops.monitoring.ssh.ProbeCommand;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The slower status probe, per gateway through the host's forced probe ({@code status PROFILE}): the gateway's RSS
 * (kept, and the memory rule looks at it) and the SHA-256 of every workspace file, compared with the release that was
 * deployed: a changed or missing released file is a P1 escalation naming the files, never silently overwritten.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);
    static final int MAX_DIFFED = 5;

    private final ProbeService probes;
    private final ProbeCommand probe;
    private final HealthService health;
    private final EscalationService escalations;
    private final MonitoredGatewayRepository gateways;
    private final MonitoredEngagementRepository engagements;
    private final ReleasedFileRepository released;
    private final EscalationRepository escalationRepository;
    private final ObjectMapper json;
    private final Blocking blocking;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();

    public StatusService(ProbeService probes, ProbeCommand probe, HealthService health, EscalationService escalations,
            MonitoredGatewayRepository gateways, MonitoredEngagementRepository engagements,
            ReleasedFileRepository released, EscalationRepository escalationRepository, ObjectMapper json,
            Blocking blocking) {
        this.probes = probes;
        this.probe = probe;
        this.health = health;
        this.escalations = escalations;
        this.gateways = gateways;
        this.engagements = engagements;
        this.released = released;
        this.escalationRepository = escalationRepository;
        this.json = json;
        this.blocking = blocking;
    }

    /** One gateway's status as the probe answered it. */
    public record Status(UUID gatewayId, Long rssBytes, Map<String, String> workspace, Instant at) {
    }

    /** What one status round did. */
    public record StatusReport(int read, int drifted, List<String> skipped) {
    }

    @Scheduled(every = "${lobsterops.monitoring.probes.status-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ProbeService.ProbesDisabled.class)
    Uni<Void> scheduled() {
        return statusNow().onFailure().invoke(e -> LOG.warnf(e, "status round failed")).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<StatusReport> statusNow() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().nullItem();
        }
        List<String> skipped = new ArrayList<>();
        return probes.targets().chain(targets -> blocking.run(() -> read(targets.hosts(), skipped))
                .chain(statuses -> Multi.createFrom().iterable(statuses)
                        .onItem().transformToUniAndConcatenate(this::record)
                        .collect().asList()
                        .chain(drifts -> {
                            List<Drifted> drifted = drifts.stream().filter(d -> d != null).toList();
                            return blocking.run(() -> diffs(targets.hosts(), drifted))
                                    .chain(this::attach)
                                    .replaceWith(new StatusReport(statuses.size(), drifted.size(), skipped));
                        })))
                .eventually(() -> running.set(false));
    }

    /** A workspace that drifted: its escalation, and the released files that differ on the host or are missing. */
    record Drifted(UUID gatewayId, String profile, UUID escalationId, String tag, List<ReleasedFile> files) {
    }

    /**
     * Reads the drifted files on their hosts (the probe's {@code file} verb, at most {@value #MAX_DIFFED} per gateway)
     * and answers each escalation's evidence: the diff of every file against its release.
     */
    private Map<UUID, String> diffs(List<HostTarget> hosts, List<Drifted> drifted) {
        Map<UUID, String> evidence = new LinkedHashMap<>();
        for (Drifted drift : drifted) {
            HostTarget host = hosts.stream().filter(h -> h.gateways().stream()
                    .anyMatch(g -> g.gatewayId().equals(drift.gatewayId()))).findFirst().orElse(null);
            StringBuilder text = new StringBuilder();
            int shown = 0;
            for (ReleasedFile file : drift.files()) {
                if (shown++ == MAX_DIFFED) {
                    text.append("… and ").append(drift.files().size() - MAX_DIFFED).append(" more file(s)\n");
                    break;
                }
                text.append(diffOf(host, drift, file));
            }
            evidence.put(drift.escalationId(), text.toString());
        }
        return evidence;
    }

    private String diffOf(HostTarget host, Drifted drift, ReleasedFile file) {
        if (file.content == null) {
            return file.path + ": the release's text is not known here (released before monitoring kept it)\n";
        }
        String onHost;
        if (host == null) {
            return file.path + ": the host is not reachable now\n";
        }
        try {
            JsonNode answer = json.readTree(probe.ask(host, "file " + drift.profile() + " " + file.path,
                    Duration.ofSeconds(30)));
            if (answer.path("ok").asBoolean(false)) {
                onHost = answer.path("content").asText();
            } else if ("no such file".equals(answer.path("error").asText())) {
                onHost = "";
            } else {
                return file.path + ": not read on the host (" + answer.path("error").asText() + ")\n";
            }
        } catch (HostConnections.Unusable | java.io.IOException e) {
            return file.path + ": not read on the host (" + e.getMessage() + ")\n";
        }
        String diff = LineDiff.unified(drift.tag() + "/" + file.path, file.content, "host/" + file.path, onHost);
        return diff.isEmpty() ? file.path + ": equal to the release again\n" : diff;
    }

    @WithTransaction
    Uni<Void> attach(Map<UUID, String> evidence) {
        return Multi.createFrom().iterable(evidence.entrySet())
                .onItem().transformToUniAndConcatenate(e -> escalationRepository.findById(e.getKey())
                        .invoke(escalation -> {
                            if (escalation != null) {
                                escalation.seen(e.getValue());
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    private List<Status> read(List<HostTarget> hosts, List<String> skipped) {
        List<Future<Status>> futures = new ArrayList<>();
        List<HostTarget.GatewayTarget> asked = new ArrayList<>();
        for (HostTarget host : hosts) {
            for (HostTarget.GatewayTarget gateway : host.gateways()) {
                asked.add(gateway);
                futures.add(threads.submit(() -> parse(gateway.gatewayId(),
                        probe.ask(host, "status " + gateway.profile(), Duration.ofSeconds(60)))));
            }
        }
        List<Status> statuses = new ArrayList<>();
        Iterator<HostTarget.GatewayTarget> gateway = asked.iterator();
        for (Future<Status> future : futures) {
            HostTarget.GatewayTarget which = gateway.next();
            try {
                statuses.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                String why = cause instanceof HostConnections.Unusable ? cause.getMessage() : String.valueOf(cause);
                synchronized (skipped) {
                    skipped.add(which.profile() + ": " + why);
                }
            }
        }
        return statuses;
    }

    Status parse(UUID gatewayId, String answer) throws java.io.IOException {
        JsonNode status = json.readTree(answer);
        if (status == null || !status.path("ok").asBoolean(false)) {
            throw new java.io.IOException("the probe refused: " + answer.strip());
        }
        Map<String, String> workspace = new LinkedHashMap<>();
        status.path("workspace").properties().forEach(e -> workspace.put(e.getKey(), e.getValue().asText()));
        JsonNode rss = status.path("rssBytes");
        return new Status(gatewayId, rss.isNumber() ? rss.asLong() : null, workspace, EscalationService.now());
    }

    /**
     * Records one status: memory, then drift. Answers the drift (its escalation and the files that differ), or null
     * when the workspace holds its release.
     */
    @WithTransaction
    public Uni<Drifted> record(Status status) {
        Uni<Void> memory = status.rssBytes() == null ? Uni.createFrom().voidItem()
                : health.memoryInTransaction(status.gatewayId(), status.rssBytes(), status.at());
        return memory.chain(() -> gateways.findById(status.gatewayId())).chain(gateway -> {
            if (gateway == null || status.workspace().isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            return engagements.findById(gateway.engagementId).chain(engagement -> {
                if (engagement == null || engagement.deployedCommit == null) {
                    return Uni.createFrom().nullItem();
                }
                return released.of(engagement.engagementId, engagement.deployedCommit).chain(files -> {
                    WorkspaceDrift drift = WorkspaceDrift.of(files, status.workspace());
                    if (files.isEmpty() || drift.none()) {
                        return Uni.createFrom().nullItem();
                    }
                    List<ReleasedFile> differing = files.stream().filter(f -> ReleasedFile.inWorkspace(f.path)
                            && !f.sha256.equalsIgnoreCase(status.workspace().getOrDefault(f.path, ""))).toList();
                    List<String> lines = new ArrayList<>();
                    drift.changed().forEach(f -> lines.add("changed: " + f));
                    drift.missing().forEach(f -> lines.add("missing: " + f));
                    return escalations.fire(Finding.of(gateway.engagementId, gateway.clientId,
                            EscalationRule.WORKSPACE_DRIFT,
                            "Workspace of gateway " + gateway.profile + " differs from release "
                                    + engagement.deployedTag + " (" + lines.size() + " file(s))",
                            "Compared with the files of " + engagement.deployedTag + " (" + engagement.deployedCommit
                                    + "): " + String.join("; ", lines) + ". The agent may have rewritten its own"
                                    + " files, someone edited them on the host, or an upgrade wiped them.",
                            "nothing: the files on the host were left as they are",
                            List.of("read the changed files on the host and compare them with the release",
                                    "deploy the release again to put the approved files back",
                                    "if the change is wanted, propose it in agent-config so it is reviewed"),
                            "read what changed before deploying the release again"))
                            .map(raised -> new Drifted(gateway.gatewayId, gateway.profile, raised.escalation().id,
                                    engagement.deployedTag, differing));
                });
            });
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
