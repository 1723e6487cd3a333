package io.lobsterops.agentconfig.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.config.LintConfig;
import io.lobsterops.agentconfig.domain.LintAllowance;
import io.lobsterops.agentconfig.domain.LintTerms;
import io.lobsterops.agentconfig.lint.LeakLint;
import io.lobsterops.agentconfig.persistence.EngagementRepository;
import io.lobsterops.agentconfig.persistence.LintAllowanceRepository;
import io.lobsterops.agentconfig.persistence.LintRepository;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The leak lint's run-time data (ADR 0045): the agency's confidential terms and suppliers, versioned, set by a
 * supervisor with a reason; and the findings a supervisor allowed for one agent, with a reason. Both are kept for
 * good: the tables are the audit trail.
 */
@ApplicationScoped
public class LintTermsService {

    private static final Logger LOG = Logger.getLogger(LintTermsService.class);

    /** The terms in force; version 0 is the configuration's defaults, set by nobody. */
    public record Terms(int version, List<String> terms, List<String> suppliers, String reason, String changedBy,
            Instant changedAt) {

        static Terms from(LintTerms stored) {
            return new Terms(stored.version, stored.termList(), stored.supplierList(), stored.reason, stored.changedBy,
                    stored.changedAt);
        }
    }

    private final LintRepository terms;
    private final LintAllowanceRepository allowances;
    private final EngagementRepository engagements;
    private final LintConfig config;

    public LintTermsService(LintRepository terms, LintAllowanceRepository allowances,
            EngagementRepository engagements, LintConfig config) {
        this.terms = terms;
        this.allowances = allowances;
        this.engagements = engagements;
        this.config = config;
    }

    /** Within the caller's session: the terms in force. */
    public Uni<Terms> inForce() {
        return terms.current().map(stored -> stored == null
                ? new Terms(0, config.supplierTerms(), config.suppliers().orElse(LeakLint.DEFAULT_SUPPLIERS),
                        "configuration defaults", null, null)
                : Terms.from(stored));
    }

    /** Within the caller's session: the keys of the findings allowed for the client's agents. */
    public Uni<Set<String>> allowedKeys(String clientId) {
        return allowances.ofClient(clientId)
                .map(list -> list.stream().map(LintAllowance::key).collect(Collectors.toSet()));
    }

    @WithSession
    public Uni<Terms> current() {
        return inForce();
    }

    @WithSession
    public Uni<List<Terms>> history() {
        return terms.history().map(list -> list.stream().map(Terms::from).toList());
    }

    /** A new version of the terms; refused with 409 when {@code expectedVersion} is not the version in force. */
    @WithTransaction
    public Uni<Terms> set(List<String> newTerms, List<String> suppliers, String reason, int expectedVersion,
            String by) {
        return inForce().chain(current -> {
            if (current.version() != expectedVersion) {
                throw ProblemException.conflict("the terms are at version " + current.version() + ", not "
                        + expectedVersion + ": reload them and apply your change again");
            }
            LintTerms next = new LintTerms(current.version() + 1, clean(newTerms), clean(suppliers), reason, by,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            LOG.infof("lint terms version %d set by %s: %s", next.version, by, reason);
            return terms.persist(next).map(Terms::from);
        });
    }

    @WithTransaction
    public Uni<LintAllowance> allow(UUID engagementId, String file, String rule, String excerpt, String reason,
            String by) {
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> allowances.ofEngagement(engagementId).chain(existing -> {
                    String key = LintAllowance.key(file, rule, excerpt);
                    if (existing.stream().anyMatch(a -> a.key().equals(key))) {
                        throw ProblemException.conflict("this finding is already allowed for this agent");
                    }
                    LintAllowance allowance = new LintAllowance(engagementId, engagement.clientId, file, rule,
                            excerpt, reason, by, Instant.now().truncatedTo(ChronoUnit.MICROS));
                    LOG.infof("lint finding %s in %s allowed for engagement %s by %s: %s", rule, file, engagementId,
                            by, reason);
                    return allowances.persist(allowance);
                }));
    }

    @WithSession
    public Uni<List<LintAllowance>> allowances(UUID engagementId) {
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(() -> allowances.ofEngagement(engagementId));
    }

    private static List<String> clean(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
