package io.lobsterops.billing.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.DiscoveryAnswers;
import io.lobsterops.billing.domain.PresaleDocument;
import io.lobsterops.billing.domain.PresaleDocument.Decision;
import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.billing.pdf.PresalePdf;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.billing.persistence.DiscoveryAnswersRepository;
import io.lobsterops.billing.persistence.PresaleDocumentRepository;
import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Proposals and SOWs: drafted from billing's copy of the discovery answers and the newest contract version, reviewed
 * four-eyes, then marked sent.
 */
@ApplicationScoped
public class PresaleService {

    private static final Logger LOG = Logger.getLogger(PresaleService.class);

    private final PresaleDocumentRepository documents;
    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final DiscoveryAnswersRepository discovery;
    private final PresalePdf pdf;
    private final Vertx vertx;

    public PresaleService(PresaleDocumentRepository documents, BillingAccountRepository accounts,
            ContractRepository contracts, DiscoveryAnswersRepository discovery, PresalePdf pdf, Vertx vertx) {
        this.documents = documents;
        this.discovery = discovery;
        this.accounts = accounts;
        this.contracts = contracts;
        this.pdf = pdf;
        this.vertx = vertx;
    }

    @WithTransaction
    public Uni<PresaleDocument> draft(UUID engagementId, Kind kind, PresalePdf.Notes notes, String author) {
        return accounts.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(account -> contracts.latest(engagementId)
                        .onItem().ifNull().failWith(() -> new ProblemException(BillingProblems.NO_CONTRACT,
                                "Draft the contract first: the " + kind + " states its prices."))
                        .chain(contract -> discovery.findById(engagementId).chain(answers -> {
                            return documents.persist(PresaleDocument.drafted(engagementId, contract.id, kind,
                                    pdf.html(kind, account, contract, answers, notes),
                                    answers == null ? null : answers.answeredAt, author, Clock.now()));
                        })));
    }

    /**
     * {@code discovery.answered} (inside the inbox's transaction): the event carries every current answer, so it
     * replaces billing's copy; an event older than the copy changes nothing.
     */
    public Uni<Void> discoveryAnswered(ReceivedEvent event, DiscoveryAnswered answered) {
        return discovery.findById(answered.engagementId()).chain(copy -> {
            DiscoveryAnswers target = copy == null ? new DiscoveryAnswers() : copy;
            if (!target.replaceWith(event.id(), answered)) {
                LOG.infof("discovery.answered %s of %s is older than billing's copy: ignored", event.id(),
                        answered.engagementId());
                return Uni.createFrom().voidItem();
            }
            return copy == null ? discovery.persist(target).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<DiscoveryAnswers> discovery(UUID engagementId) {
        return discovery.findById(engagementId).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "Discovery answers of engagement", engagementId));
    }

    /** Go/No-Go by a supervisor other than the author, with the reason; a draft is reviewed once. */
    @WithTransaction
    public Uni<PresaleDocument> review(UUID id, Decision decision, String reason, String reviewer) {
        return find(id).invoke(document -> document.reviewed(reviewer, decision, reason, Clock.now()));
    }

    @WithTransaction
    public Uni<PresaleDocument> sent(UUID id, String by) {
        return find(id).invoke(document -> document.sent(by, Clock.now()));
    }

    @WithSession
    public Uni<PresaleDocument> find(UUID id) {
        return documents.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Document", id));
    }

    @WithSession
    public Uni<List<PresaleDocument>> of(UUID engagementId) {
        return documents.of(engagementId);
    }

    public Uni<byte[]> pdf(UUID id) {
        return find(id).chain(document -> vertx.executeBlocking(
                Uni.createFrom().item(() -> pdf.render(document.content)), false));
    }
}
