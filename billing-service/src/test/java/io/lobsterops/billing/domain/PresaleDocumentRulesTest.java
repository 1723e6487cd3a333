package io.lobsterops.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.PresaleDocument.Decision;
import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.billing.domain.PresaleDocument.Status;
import io.lobsterops.kit.api.ProblemException;

class PresaleDocumentRulesTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static PresaleDocument draft() {
        return PresaleDocument.drafted(UUID.randomUUID(), UUID.randomUUID(), Kind.values()[0], "<html/>", null, "ann",
                NOW);
    }

    @Test
    void theAuthorDoesNotReviewTheirOwnDocument() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> draft().reviewed("ann", Decision.GO, "fine", NOW));
        assertEquals(BillingProblems.OWN_DOCUMENT, refused.type());
    }

    @Test
    void aDraftIsReviewedOnce() {
        PresaleDocument document = draft();
        document.reviewed("bob", Decision.NO_GO, "too early", NOW);
        assertEquals(Status.REJECTED, document.status);
        assertEquals(BillingProblems.DOCUMENT_REVIEWED, assertThrows(ProblemException.class,
                () -> document.reviewed("carl", Decision.GO, "now", NOW)).type());
    }

    @Test
    void onlyAnApprovedDocumentIsSent() {
        PresaleDocument document = draft();
        assertEquals(BillingProblems.DOCUMENT_NOT_APPROVED,
                assertThrows(ProblemException.class, () -> document.sent("bob", NOW)).type());
        document.reviewed("bob", Decision.GO, "fine", NOW);
        assertEquals(Status.APPROVED, document.status);
        document.sent("bob", NOW);
        assertEquals(Status.SENT, document.status);
        assertEquals(NOW, document.sentAt);
    }
}
