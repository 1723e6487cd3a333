package io.lobsterops.provisioning.fleet.upgrade;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluation;
import io.lobsterops.provisioning.fleet.goldset.GoldSetRunner;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.smallrye.mutiny.Uni;

/**
 * The upgrade's last check (ADR 0041): the gold set released with the deployed commit, run on the upgraded gateway by
 * the gold-set runner (occasion UPGRADE, published as {@code goldset.evaluated}). Below its threshold the upgrade is
 * rolled back. A gateway without a deployed release has no gold set to run: the step is skipped and says so.
 */
@ApplicationScoped
public class UpgradeGoldSet {

    private final GoldSetRunner runner;

    public UpgradeGoldSet(GoldSetRunner runner) {
        this.runner = runner;
    }

    public record Checked(StepOutcome outcome, Double score) {
    }

    public Uni<Checked> check(UpgradeWork work) {
        if (work.deployedCommit() == null) {
            return Uni.createFrom().item(new Checked(StepOutcome.skipped("no release deployed on this gateway yet:"
                    + " no gold set to run"), null));
        }
        return runner.evaluate(work.gatewayId(), work.deployedCommit(), GoldSetOccasion.UPGRADE)
                .map(UpgradeGoldSet::checked)
                .onFailure().recoverWithItem(e -> new Checked(StepOutcome.interrupted("the gold set could not run: "
                        + e.getMessage()), null));
    }

    static Checked checked(GoldSetEvaluation evaluation) {
        if (evaluation.status != GoldSetEvaluation.Status.DONE) {
            return new Checked(StepOutcome.interrupted("gold-set evaluation " + evaluation.id + " is "
                    + evaluation.status + " (host unreachable): retried"), null);
        }
        String summary = "gold set of " + evaluation.releasedCommit + ": score " + evaluation.score + ", threshold "
                + evaluation.threshold + (evaluation.note == null ? "" : "; " + evaluation.note);
        return Boolean.TRUE.equals(evaluation.passed) ? new Checked(StepOutcome.done(0, summary), evaluation.score)
                : new Checked(StepOutcome.failed(1, summary, "the gold set failed on the new version: " + summary),
                        evaluation.score);
    }
}
