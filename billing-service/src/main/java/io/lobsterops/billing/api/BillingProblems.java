package io.lobsterops.billing.api;

import io.lobsterops.kit.api.ProblemType;

/**
 * Every problem type billing answers beside the platform's own ({@link ProblemType}'s constants): the one place this
 * service makes one (ADR 0070). A slug is the last segment of the {@code type} URI clients rely on; it never changes.
 * docs/problems.md lists them with the platform's.
 */
public final class BillingProblems {

    // Invoices and payments

    /** A payment is recorded for an invoice that is paid already. */
    public static final ProblemType INVOICE_PAID = ProblemType.of("invoice-paid", "Invoice already paid", 409);

    /** A payment is recorded for a credit note or a credited invoice: nothing is due. */
    public static final ProblemType INVOICE_NOT_PAYABLE = ProblemType.of("invoice-not-payable", "Invoice not payable",
            409);

    /** A credit note is asked for a credit note, or for an invoice credited already. */
    public static final ProblemType INVOICE_NOT_CREDITABLE = ProblemType.of("invoice-not-creditable",
            "Invoice cannot be credited", 409);

    /** The balance is invoiced on acceptance, but no contract is signed or it bills the balance on another event. */
    public static final ProblemType BALANCE_NOT_ON_ACCEPTANCE = ProblemType.of("balance-not-on-acceptance",
            "The balance is not due on acceptance", 409);

    /** The billing cycle is run for a month that has not begun. */
    public static final ProblemType MONTH_NOT_BEGUN = ProblemType.of("month-not-begun", "Month not begun yet", 409);

    // Contracts

    /** A contract version is signed that is no longer a draft (signed, or superseded): an amendment changes terms. */
    public static final ProblemType CONTRACT_SIGNED = ProblemType.of("contract-signed", "Contract already signed",
            409);

    /** A contract version is signed that is not the newest. */
    public static final ProblemType CONTRACT_NOT_LATEST = ProblemType.of("contract-not-latest",
            "Only the newest contract version can be signed", 409);

    /** The contract of a terminated engagement (its billing account closed) is drafted or signed. */
    public static final ProblemType ACCOUNT_CLOSED = ProblemType.of("account-closed", "Billing account closed", 409);

    // Presale documents (offers, statements of work)

    /** The author of a presale document reviews it: another supervisor must. */
    public static final ProblemType OWN_DOCUMENT = ProblemType.of("four-eyes",
            "The author cannot review their own document", 409);

    /** A presale document is reviewed that is no longer a draft. */
    public static final ProblemType DOCUMENT_REVIEWED = ProblemType.of("document-reviewed",
            "Document already reviewed", 409);

    /** A presale document is marked sent before a reviewer approved it. */
    public static final ProblemType DOCUMENT_NOT_APPROVED = ProblemType.of("document-not-approved",
            "Only an approved document can be sent", 409);

    /** A presale document is drafted before the contract that states its prices. */
    public static final ProblemType NO_CONTRACT = ProblemType.of("no-contract", "No contract drafted yet", 409);

    // Stripe's webhook

    /** A Stripe webhook call has no Stripe-Signature header, or one that does not match its body. */
    public static final ProblemType BAD_SIGNATURE = ProblemType.of("bad-signature", "Signature not valid", 400);

    /** A Stripe webhook call reaches a service that has no webhook secret configured. */
    public static final ProblemType STRIPE_NOT_CONFIGURED = ProblemType.of("stripe-not-configured",
            "Stripe webhook not configured", 503);

    private BillingProblems() {
    }
}
