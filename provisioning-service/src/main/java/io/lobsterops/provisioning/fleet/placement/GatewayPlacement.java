package io.lobsterops.provisioning.fleet.placement;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.placement.Placements.PlaceCommand;
import io.lobsterops.provisioning.fleet.run.ProvisioningRunner;
import io.lobsterops.provisioning.fleet.run.ProvisioningService;
import io.smallrye.mutiny.Uni;

/** Placing a gateway: the run is committed first, then launched, so a crash in between leaves it resumable. */
@ApplicationScoped
public class GatewayPlacement {

    private final Placements placements;
    private final ProvisioningService provisioning;
    private final ProvisioningRunner runner;

    public GatewayPlacement(Placements placements, ProvisioningService provisioning, ProvisioningRunner runner) {
        this.placements = placements;
        this.provisioning = provisioning;
        this.runner = runner;
    }

    public Uni<ProvisioningRun> place(PlaceCommand command) {
        return placements.place(command).invoke(run -> runner.launch(run.id));
    }

    public Uni<ProvisioningRun> resume(UUID runId) {
        return provisioning.resume(runId).invoke(run -> {
            if (!run.status.finished()) {
                runner.launch(run.id);
            }
        });
    }

    public Uni<ProvisioningRun> rerun(UUID gatewayId, String by) {
        return provisioning.rerun(gatewayId, by).invoke(run -> runner.launch(run.id));
    }
}
