package io.lobsterops.provisioning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.api.RunView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** Each change of a run as it happens in this process, for the server-sent event stream. */
@ApplicationScoped
public class RunEvents {

    private final BroadcastProcessor<RunView> changes = BroadcastProcessor.create();

    public void publish(RunView view) {
        changes.onNext(view);
    }

    public Multi<RunView> of(UUID runId) {
        return changes.filter(view -> view.id().equals(runId));
    }
}
