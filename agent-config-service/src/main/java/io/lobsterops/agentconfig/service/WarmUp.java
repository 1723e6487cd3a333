package io.lobsterops.agentconfig.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.git.GitCommits;
import io.lobsterops.agentconfig.persistence.ClientRepository;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.agentconfig.persistence.PendingPushRepository;
import io.lobsterops.agentconfig.persistence.RepositoryLock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The first engagement.opened after a start used to wait while JGit's classes loaded and Hibernate Reactive opened its
 * first connections and ran its first queries (benchmarks/README.md, "The first event after start"). At start-up, on a
 * virtual thread, this runs that path once: a scratch repository created, committed to and read, and the consumer's
 * reads (the repository lock, the client, its engagements, its pending push) in a transaction that writes nothing.
 * The service is not ready ({@code /q/health/ready}) until it is done, so the first event finds it warm; a failure
 * (the database still starting) is logged and ends the warm-up, the database's own check saying the rest.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final String NOBODY = "warm-up";

    private final GitCommits commits;
    private final RepositoryLock lock;
    private final ClientRepository clients;
    private final EngagementRepository engagements;
    private final PendingPushRepository pendingPushes;
    private volatile boolean done;

    public WarmUp(GitCommits commits, RepositoryLock lock, ClientRepository clients, EngagementRepository engagements,
            PendingPushRepository pendingPushes) {
        this.commits = commits;
        this.lock = lock;
        this.clients = clients;
        this.engagements = engagements;
        this.pendingPushes = pendingPushes;
    }

    void onStart(@Observes StartupEvent startup) {
        Thread.ofVirtual().name("warm-up").start(this::run);
    }

    private void run() {
        long begin = System.nanoTime();
        try {
            commits.warmUp();
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> lock.acquire(NOBODY)
                    .chain(() -> clients.findById(NOBODY))
                    .chain(() -> engagements.ofClient(NOBODY))
                    .chain(() -> pendingPushes.findById(NOBODY))));
            LOG.infof("warmed up in %d ms", (System.nanoTime() - begin) / 1_000_000);
        } catch (Throwable e) {
            LOG.warnf("the warm-up stopped after %d ms: %s", (System.nanoTime() - begin) / 1_000_000, e.getMessage());
        } finally {
            done = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("agent-config warm-up").status(done).build();
    }
}
