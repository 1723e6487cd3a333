package io.lobsterops.monitoring.service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.UsageReading;
import io.lobsterops.monitoring.openclaw.TranscriptLedger;
import io.lobsterops.monitoring.ssh.HostConnections;
import io.lobsterops.monitoring.ssh.HostTarget;
import io.lobsterops.monitoring.ssh.ProbeCommand;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reads every probed gateway's usage once per {@code usage.read-every}: yesterday (to close it) and today, per agent,
 * from the agent's own transcripts — every turn, in live sessions and in the archives of deleted ones — through the
 * host's forced probe (its {@code ledger} verb). A gateway that does not answer is skipped and read again next time;
 * what was read goes to {@link UsageService#record}.
 */
@ApplicationScoped
public class UsageCollector {

    private static final Logger LOG = Logger.getLogger(UsageCollector.class);

    private final ProbeService probes;
    private final ProbeCommand probe;
    private final UsageService usage;
    private final ObjectMapper json;
    private final Blocking blocking;
    private final MonitoringConfig config;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();

    public UsageCollector(ProbeService probes, ProbeCommand probe, UsageService usage, ObjectMapper json, Blocking blocking,
            MonitoringConfig config) {
        this.probes = probes;
        this.probe = probe;
        this.usage = usage;
        this.json = json;
        this.blocking = blocking;
        this.config = config;
    }

    /** What one reading did: gateways read, and why the others were not. */
    public record ReadReport(int read, int days, List<String> skipped) {
    }

    private record Read(UUID gatewayId, List<UsageReading> readings, String skipped) {
    }

    @Scheduled(every = "${lobsterops.monitoring.usage.read-every:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ProbeService.ProbesDisabled.class)
    Uni<Void> scheduled() {
        return readNow().onFailure().invoke(e -> LOG.warnf(e, "usage reading failed")).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Reads every probed gateway's usage now; a reading already running answers null. */
    public Uni<ReadReport> readNow() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().nullItem();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return probes.targets().chain(targets -> blocking.run(() -> read(targets.hosts(), today)))
                .chain(reads -> Multi.createFrom().iterable(reads)
                        .onItem().transformToUniAndConcatenate(read -> read.readings() == null
                                ? Uni.createFrom().voidItem() : usage.record(read.gatewayId(), read.readings()))
                        .collect().last()
                        .map(ignored -> new ReadReport((int) reads.stream().filter(r -> r.readings() != null).count(),
                                reads.stream().mapToInt(r -> r.readings() == null ? 0 : r.readings().size()).sum(),
                                reads.stream().filter(r -> r.skipped() != null).map(Read::skipped).toList())))
                .eventually(() -> running.set(false));
    }

    private List<Read> read(List<HostTarget> hosts, LocalDate today) {
        List<Future<Read>> futures = new ArrayList<>();
        for (HostTarget host : hosts) {
            for (HostTarget.GatewayTarget gateway : host.gateways()) {
                for (String agent : config.usage().agents()) {
                    futures.add(threads.submit(() -> read(host, gateway, agent, today)));
                }
            }
        }
        List<Read> reads = new ArrayList<>();
        for (Future<Read> future : futures) {
            try {
                reads.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf(e.getCause(), "usage reading of a gateway failed");
            }
        }
        return reads;
    }

    private Read read(HostTarget host, HostTarget.GatewayTarget gateway, String agent, LocalDate today) {
        String verb = "ledger " + gateway.profile() + " " + agent + " " + today.minusDays(1) + " " + today;
        try {
            String answer = probe.ask(host, verb, Duration.ofSeconds(90));
            return new Read(gateway.gatewayId(), TranscriptLedger.readings(json, answer, agent, today), null);
        } catch (TranscriptLedger.Unusable | HostConnections.Unusable | java.io.IOException e) {
            LOG.infof("usage of gateway %s (%s, agent %s) not read: %s", gateway.gatewayId(), gateway.profile(),
                    agent, e.getMessage());
            return new Read(gateway.gatewayId(), null, gateway.profile() + "/" + agent + ": " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
