package io.lobsterops.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.Stage;

class InvoiceIssuedTest {

    static final Instant NOW = Instant.parse("2026-12-31T23:30:00Z");

    @Test
    void anIssuedInvoiceIsNumberedSummedAndDueAfterItsTerms() {
        BillingAccount account = BillingAccount.open(UUID.randomUUID(), "acme", "Acme", "Ann", "ann@acme.test",
                Stage.LEAD, NOW);
        List<InvoiceLine> lines = List.of(InvoiceLine.of("maintenance", 1, 10_001), InvoiceLine.of("hours", 3, 333));
        Invoice invoice = Invoice.issued(new Invoice.Terms(account, UUID.randomUUID(), InvoiceKind.MAINTENANCE,
                        "2026-12", null, null, null, null, "EUR", "FR", 2000, 30),
                new Invoice.Seller("LobsterOps", "1 rue du Port", "SIRET 1"), "LO", 42, lines, NOW);

        assertEquals("LO-2026-000042", invoice.number);
        assertEquals(2026, invoice.year);
        assertEquals(11_000, invoice.subtotalCents);
        assertEquals(2_200, invoice.vatCents);
        assertEquals(13_200, invoice.totalCents);
        assertEquals(LocalDate.parse("2027-01-30"), invoice.dueOn);
        assertEquals(Invoice.InvoiceStatus.ISSUED, invoice.status);
        assertEquals("Acme", invoice.clientName);
        assertEquals(List.of(1, 2), lines.stream().map(line -> line.position).toList());
        assertEquals(List.of(invoice.id, invoice.id), lines.stream().map(line -> line.invoiceId).toList());
    }

    @Test
    void vatIsRoundedToTheCent() {
        BillingAccount account = BillingAccount.open(UUID.randomUUID(), "acme", "Acme", "Ann", "ann@acme.test",
                Stage.LEAD, NOW);
        Invoice invoice = Invoice.issued(new Invoice.Terms(account, null, InvoiceKind.USAGE, null, null, null, null,
                        null, "EUR", "DE", 1900, 14),
                new Invoice.Seller("LobsterOps", "1 rue du Port", "SIRET 1"), "LO", 1,
                List.of(InvoiceLine.of("usage", 1, 105)), NOW);
        assertEquals(20, invoice.vatCents);   // 19.95 cents
    }
}
