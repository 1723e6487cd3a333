package io.lobsterops.provisioning.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs blocking SSH work off the event loop and comes back to the calling Vert.x context, so the Hibernate Reactive
 * session chain that follows stays on its own context.
 */
@ApplicationScoped
public class Blocking {

    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
