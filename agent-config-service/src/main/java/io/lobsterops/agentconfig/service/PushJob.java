package io.lobsterops.agentconfig.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.config.GitConfig;
import io.lobsterops.agentconfig.git.RemoteGitException;
import io.lobsterops.agentconfig.git.RemoteMirror;
import io.lobsterops.agentconfig.persistence.PendingPushRepository;
import io.lobsterops.agentconfig.persistence.PendingPushRepository.Leased;
import io.lobsterops.kit.persistence.Notifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Pushes the repositories whose changes committed ({@code pending_push}, ADR 0063) to the git server. Woken right
 * after such a commit (the table's trigger NOTIFYs {@value #CHANNEL}, delivered only on commit) and by a sweep for
 * retries that fell due. A round leases up to {@code concurrency} due rows (another replica's job skips them), pushes
 * them side by side on virtual threads and deletes each row whose push went through; a failed push keeps its row with
 * the reason and a backoff doubling from {@code initial-backoff} to {@code max-backoff}. When the server cannot be
 * reached, the job pauses for that backoff instead of trying every other repository in turn. Rows outlive the
 * process: whatever was owed when it stopped is pushed after the next start, and a lease a dead job held expires.
 */
@ApplicationScoped
public class PushJob {

    static final String CHANNEL = "agentconfig_pending_push";
    private static final Logger LOG = Logger.getLogger(PushJob.class);

    private final RemoteMirror mirror;
    private final PendingPushRepository pending;
    private final GitConfig.Push config;
    private final Duration lease;
    private final Vertx vertx;
    private final Config settings;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile long pausedUntil;
    private volatile ExecutorService executor;
    private PgSubscriber subscriber;

    public PushJob(RemoteMirror mirror, PendingPushRepository pending, GitConfig git, Vertx vertx, Config settings) {
        this.mirror = mirror;
        this.pending = pending;
        this.config = git.remote().push();
        // a push takes at most a connection and a few answers, each within the timeout
        this.lease = git.remote().timeout().multipliedBy(6).plusSeconds(30);
        this.vertx = vertx;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent startup) {
        if (mirror.configured()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Starts pushing: at once what is owed, then after each commit that owes a push. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        pausedUntil = 0;
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("git-push-", 0).factory());
        listen();
        wake();
    }

    /** Stops pushing; a push under way ends with its timeout at the latest. Rows stay for the next start. */
    public synchronized void stop() {
        ExecutorService running = executor;
        executor = null;
        if (subscriber != null) {
            subscriber.closeAndAwait();
            subscriber = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        draining.set(false);
    }

    /** Ask for a round; rounds never overlap, a wake-up during a round makes the job look again after it. */
    void wake() {
        ExecutorService running = executor;
        if (running == null || running.isShutdown()) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            try {
                running.execute(() -> drain(running));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                draining.set(false);
            }
        }
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.git.remote.push.sweep-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (System.currentTimeMillis() >= pausedUntil) {
            wake();
        }
    }

    private void drain(ExecutorService running) {
        try {
            while (requested.getAndSet(false) && System.currentTimeMillis() >= pausedUntil) {
                int leased;
                do {
                    leased = round(running);
                } while (leased == config.concurrency() && System.currentTimeMillis() >= pausedUntil);
            }
        } catch (RuntimeException e) {
            LOG.warnf("a push round failed, the pending pushes stay and are tried again: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            draining.set(false);
        }
        if (requested.get() && System.currentTimeMillis() >= pausedUntil) {
            wake();
        }
    }

    /** One round: leases due rows and pushes them side by side; answers how many it leased. */
    private int round(ExecutorService running) throws InterruptedException {
        List<Leased> due = pending.lease(config.concurrency(), lease).await().atMost(Duration.ofSeconds(30));
        List<Future<?>> pushes = new ArrayList<>(due.size());
        for (Leased row : due) {
            pushes.add(running.submit(() -> push(row)));
        }
        for (Future<?> push : pushes) {
            try {
                push.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf("a push failed unexpectedly: %s", e.getCause().getMessage());
            }
        }
        return due.size();
    }

    private void push(Leased row) {
        try {
            mirror.pushNow(row.clientId());
            pending.pushed(row).await().atMost(Duration.ofSeconds(30));
            if (row.attempts() > 0) {
                LOG.infof("the repository of client %s reached the git server after %d failed push(es)",
                        row.clientId(), row.attempts());
            }
        } catch (RuntimeException e) {
            String reason = e instanceof RemoteGitException ? e.getMessage()
                    : "the push failed: " + e.getClass().getSimpleName();
            Duration backoff = backoff(row.attempts() + 1);
            LOG.warnf("the push of client %s's repository failed (attempt %d), tried again in %s: %s", row.clientId(),
                    row.attempts() + 1, backoff, reason);
            if (e instanceof RemoteGitException remote && remote.kind() == RemoteGitException.Kind.UNREACHABLE) {
                // the server is down for every repository: do not try the others in turn meanwhile
                pausedUntil = Math.max(pausedUntil, System.currentTimeMillis() + backoff.toMillis());
            }
            pending.failed(row.clientId(), reason, backoff).await().atMost(Duration.ofSeconds(30));
        }
    }

    /** {@code initial-backoff} doubled for each failure after the first, at most {@code max-backoff}. */
    Duration backoff(int failures) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < failures && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private void listen() {
        subscriber = Notifications.listen(vertx, settings, CHANNEL, payload -> wake(), "the sweep pushes meanwhile");
    }
}
