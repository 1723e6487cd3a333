package io.lobsterops.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The blocking strategy of ADR 0065, against the real database: blocking work on a virtual thread with the Panache
 * chain going on afterwards on its own context; reactive work entered from threads without a context, each on a
 * context (and a session) of its own.
 */
@QuarkusTest
class BlockingTest {

    @Inject
    Blocking blocking;

    @Inject
    HostRepository hosts;

    record Seen(Context before, Context after, boolean virtual, String thread, long count) {
    }

    @Test
    void blockingWorkRunsOnAVirtualThreadAndTheTransactionGoesOnOnItsContext() {
        Seen seen = blocking.apart(() -> Panache.withTransaction(() -> {
            Context before = Vertx.currentContext();
            return hosts.count().chain(count -> blocking.run(() -> Thread.currentThread())
                    // the same session after the hop: Hibernate Reactive refuses a session used from another thread
                    .chain(thread -> hosts.count().map(again -> new Seen(before, Vertx.currentContext(),
                            thread.isVirtual(), thread.getName(), again))));
        })).await().atMost(Duration.ofSeconds(30));

        assertTrue(seen.virtual(), seen.thread());
        assertTrue(seen.thread().startsWith("lobsterops-blocking-"), seen.thread());
        assertNotNull(seen.before());
        assertSame(seen.before(), seen.after());
        assertTrue(seen.count() >= 0);
    }

    @Test
    void aFailureOfTheBlockingWorkComesBackOnTheCallersContext() {
        Context[] where = new Context[2];
        String message = blocking.apart(() -> Uni.createFrom().deferred(() -> {
            where[0] = Vertx.currentContext();
            return blocking.<String> run(() -> {
                throw new IllegalStateException("the host went away");
            }).onFailure().recoverWithItem(e -> {
                where[1] = Vertx.currentContext();
                return e.getMessage();
            });
        })).await().atMost(Duration.ofSeconds(30));

        assertEquals("the host went away", message);
        assertNotNull(where[0]);
        assertSame(where[0], where[1]);
    }

    @Test
    void eachCallApartGetsAContextOfItsOwn() {
        Context first = blocking.apart(() -> Panache.withSession(() -> hosts.count().map(n -> Vertx.currentContext())))
                .await().atMost(Duration.ofSeconds(30));
        Context second = blocking.apart(() -> Panache.withSession(() -> hosts.count().map(n -> Vertx.currentContext())))
                .await().atMost(Duration.ofSeconds(30));

        assertNotNull(first);
        assertNotNull(second);
        assertNotSame(first, second);
    }

    @Test
    void launchedJobsRunTheirTransactionsSideBySideEachOnItsOwnContext() throws InterruptedException {
        int jobs = 8;
        CountDownLatch allInside = new CountDownLatch(jobs);
        Set<Context> contexts = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger ended = new AtomicInteger();
        List<Long> counts = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < jobs; i++) {
            blocking.launch("blocking-test-job-" + i, () -> Panache.withTransaction(() -> {
                contexts.add(Vertx.currentContext());
                return hosts.count().chain(count -> blocking.run(() -> {
                    threads.add(Thread.currentThread().getName());
                    allInside.countDown();
                    try {
                        // every job holds its transaction open until all are inside theirs: side by side, not in turn
                        return allInside.await(30, TimeUnit.SECONDS) ? count : -1L;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1L;
                    }
                })).chain(count -> hosts.count()).invoke(counts::add);
            }), ended::incrementAndGet);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ended.get() == jobs);
        assertEquals(jobs, counts.size(), "jobs whose transactions completed");
        assertTrue(counts.stream().allMatch(count -> count >= 0), counts::toString);
        assertEquals(jobs, contexts.size(), "contexts");
        assertEquals(jobs, threads.size(), "virtual threads");
    }
}
