package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One version of the agency's confidential terms and suppliers, as a supervisor set them (ADR 0045). */
@Entity
@Table(name = "lint_terms")
public class LintTerms {

    @Id
    public Integer version;

    /** One term a line. */
    @Column(nullable = false)
    public String terms;

    /** One supplier a line. */
    @Column(nullable = false)
    public String suppliers;

    @Column(nullable = false)
    public String reason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected LintTerms() {
    }

    public LintTerms(int version, List<String> terms, List<String> suppliers, String reason, String changedBy,
            Instant changedAt) {
        this.version = version;
        this.terms = String.join("\n", terms);
        this.suppliers = String.join("\n", suppliers);
        this.reason = reason;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public List<String> termList() {
        return lines(terms);
    }

    public List<String> supplierList() {
        return lines(suppliers);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
