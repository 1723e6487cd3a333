package io.lobsterops.billing.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of an invoice; a re-billed usage day names its usage id and the cost (delta) it bills. */
@Entity
@Table(name = "invoice_line")
public class InvoiceLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_cents", nullable = false)
    public long unitCents;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(name = "usage_id")
    public UUID usageId;

    @Column(name = "usage_delta_micro_usd")
    public Long usageDeltaMicroUsd;

    protected InvoiceLine() {
    }

    public static InvoiceLine of(String description, int quantity, long unitCents) {
        InvoiceLine line = new InvoiceLine();
        line.description = description;
        line.quantity = quantity;
        line.unitCents = unitCents;
        line.amountCents = quantity * unitCents;
        return line;
    }

    /** The line's place on its invoice, set when the invoice is issued. */
    void on(UUID invoice, int position) {
        this.invoiceId = invoice;
        this.position = position;
    }

    public static InvoiceLine usage(String description, long amountCents, UUID usageId, long deltaMicroUsd) {
        InvoiceLine line = of(description, 1, amountCents);
        line.usageId = usageId;
        line.usageDeltaMicroUsd = deltaMicroUsd;
        return line;
    }
}
