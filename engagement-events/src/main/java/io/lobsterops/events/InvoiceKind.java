package io.lobsterops.events;

/** What an invoice bills: deposit at signature, balance at delivery, a maintenance month, re-billed usage, the final invoice at termination, or a credit note. */
public enum InvoiceKind {
    DEPOSIT,
    BALANCE,
    MAINTENANCE,
    USAGE,
    FINAL,
    CREDIT_NOTE
}
