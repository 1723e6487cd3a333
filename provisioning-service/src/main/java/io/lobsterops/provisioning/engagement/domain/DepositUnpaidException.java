package io.lobsterops.provisioning.engagement.domain;

import java.util.UUID;

/** SIGNED -> PROVISIONING before billing reported the deposit paid, and without a supervisor's waiver. */
public class DepositUnpaidException extends RuntimeException {

    public DepositUnpaidException(UUID engagementId) {
        super("Engagement " + engagementId + " cannot enter PROVISIONING: its deposit is not paid (no payment.received"
                + " for a DEPOSIT yet). A supervisor may waive it with POST /engagements/" + engagementId
                + "/deposit-waiver and a reason.");
    }
}
