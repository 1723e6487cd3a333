package io.lobsterops.provisioning.engagement.domain;

import java.util.Map;
import java.util.Optional;

import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.Stage;

/**
 * Which published fact ends which stage (ADR 0028): one line per fact, from exactly one stage to the next. A fact
 * that finds the engagement anywhere else (a duplicate, a late event, a stage already moved on by hand) moves nothing,
 * so a fact never takes an engagement backwards. What no event reaches yet stays a person's move
 * ({@code POST /engagements/{id}/stage}): SIGNED → PROVISIONING happens when a gateway is placed after the deposit
 * (a command, not an event: {@code ProvisioningService.place}), TRAINING → LIVE at the client's acceptance
 * ({@code POST /engagements/{id}/acceptance}), and TERMINATED by hand (no {@code agent.terminated} in the contract).
 */
public final class StageFacts {

    /** The stage a fact ends and the stage it opens; {@code from} null: any stage but {@code to} (an end of life). */
    public record Move(Stage from, Stage to) {

        /** Whether this move ends {@code stage}. */
        public boolean ends(Stage stage) {
            return from == null ? stage != to : stage == from;
        }
    }

    private static final Map<String, Move> MOVES = Map.of(
            EventTypes.CONTRACT_SIGNED, new Move(Stage.PROPOSAL, Stage.SIGNED),
            EventTypes.GATEWAY_INSTALLED, new Move(Stage.PROVISIONING, Stage.CONFIGURING),
            EventTypes.CONFIG_PROPOSED, new Move(Stage.CONFIGURING, Stage.IN_REVIEW),
            EventTypes.CONFIG_APPROVED, new Move(Stage.IN_REVIEW, Stage.DEPLOYING),
            EventTypes.GOLDSET_EVALUATED, new Move(Stage.DEPLOYING, Stage.TRAINING), // a PASSING one after a DEPLOYMENT
            EventTypes.AGENT_STABLE, new Move(Stage.LIVE, Stage.STABLE),
            EventTypes.INVOICE_ISSUED, new Move(Stage.STABLE, Stage.MAINTENANCE),   // a MAINTENANCE invoice only
            EventTypes.AGENT_TERMINATED, new Move(null, Stage.TERMINATED));         // from any open stage

    private StageFacts() {
    }

    /** The move {@code event} makes, if it is a fact that ends a stage. */
    public static Optional<Move> of(EngagementEvent fact) {
        if (fact instanceof InvoiceIssued invoice && invoice.kind() != InvoiceKind.MAINTENANCE) {
            return Optional.empty();
        }
        if (fact instanceof GoldSetEvaluated evaluated
                && (!evaluated.passed() || evaluated.occasion() != GoldSetOccasion.DEPLOYMENT)) {
            return Optional.empty();   // a failing gold set leaves the engagement DEPLOYING (ADR 0037)
        }
        return Optional.ofNullable(MOVES.get(fact.type()));
    }

    /** Whether events of {@code type} may move a stage. */
    public static boolean moves(String type) {
        return MOVES.containsKey(type);
    }
}
