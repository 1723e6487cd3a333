package io.lobsterops.events;

/**
 * What a payment settles: the deposit on signature, the balance on delivery, the monthly fee, re-billed usage, the
 * final invoice at termination.
 */
public enum PaymentKind {
    DEPOSIT,
    BALANCE,
    MAINTENANCE,
    USAGE,
    FINAL
}
