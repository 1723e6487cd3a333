package io.lobsterops.agentconfig.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.LintTerms;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The versions of the leak lint's terms (ADR 0045). */
@ApplicationScoped
public class LintRepository implements PanacheRepositoryBase<LintTerms, Integer> {

    /** The terms in force: the highest version, or null when nobody has set any (the configuration's defaults). */
    public Uni<LintTerms> current() {
        return findAll(Sort.descending("version")).firstResult();
    }

    public Uni<List<LintTerms>> history() {
        return listAll(Sort.descending("version"));
    }
}
