package io.lobsterops.kit.blocking;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one way blocking work (SSH with sshj, git with JGit) leaves the event loop, and the one way reactive work
 * (Hibernate Reactive Panache) is entered again from it (ADR 0065).
 * <ul>
 * <li>{@link #run(Supplier)}: blocking work on a virtual thread of its own; its result (or failure) comes back on the
 * caller's Vert.x context, so the Panache chain that follows stays on its own context and session.</li>
 * <li>{@link #apart(Supplier)}: reactive work on a new duplicated Vert.x context of its own, for a caller that has no
 * usable context (a ticking stream, a database notification).</li>
 * <li>{@link #launch(String, Supplier, Runnable)}: a background job (a provisioning run, a deployment, an upgrade)
 * owning a virtual thread for its whole life, its reactive chain on a new duplicated context of its own.</li>
 * </ul>
 * A new context is entered through Quarkus' public {@link VertxContextSupport#subscribeAndAwait(Supplier)}, always
 * from one of these virtual threads, which carry no Vert.x context: each call gets a fresh duplicated context, marked
 * safe for Hibernate Reactive, with no session shared with anyone. The threads are unbounded (a job waiting minutes on
 * a remote install costs a parked virtual thread, not one of the bounded worker threads) and named after their work.
 */
@ApplicationScoped
public class Blocking {

    private static final Logger LOG = Logger.getLogger(Blocking.class);

    private final ExecutorService threads = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("lobsterops-blocking-", 0).factory());

    /** Runs {@code work} on a virtual thread; the outcome is emitted on the subscriber's Vert.x context, if it has one. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> off = Uni.createFrom().item(work).runSubscriptionOn(threads);
            return caller == null ? off : off.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /**
     * Runs the reactive {@code work} on a new duplicated Vert.x context, apart from the caller's; the outcome is
     * emitted on the subscriber's context, if it has one.
     */
    public <T> Uni<T> apart(Supplier<Uni<T>> work) {
        return run(() -> await(work));
    }

    /**
     * Starts {@code job} now, in the background, on a virtual thread named {@code name} and a new duplicated Vert.x
     * context of its own; {@code onEnd} runs once it ended, however it ended. An unexpected failure is logged.
     */
    public <T> void launch(String name, Supplier<Uni<T>> job, Runnable onEnd) {
        threads.execute(() -> {
            Thread.currentThread().setName(name);
            try {
                await(job);
                LOG.debugf("%s: nothing left to do now", name);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s stopped on an unexpected error", name);
            } finally {
                onEnd.run();
            }
        });
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        if (Vertx.currentContext() != null) {
            throw new IllegalStateException("a new Vert.x context is entered only from a thread without one");
        }
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new CompletionException(e);
        }
    }

    @PreDestroy
    void stop() {
        // no new work; running jobs are leased and resumable, so they are not interrupted mid-command
        threads.shutdown();
    }
}
