package io.lobsterops.billing.persistence;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The Stripe event ids already handled: a redelivered event finds its id here and has no effect. */
@ApplicationScoped
public class StripeEventLog {

    private static final String RECORD = """
            insert into stripe_event (id, type, outcome, received_at) values (?1, ?2, ?3, ?4)
            on conflict do nothing""";

    /** Records the event in the current transaction; false when it was recorded before. */
    public Uni<Boolean> recordFirst(String eventId, String type, String outcome, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter(1, eventId).setParameter(2, type).setParameter(3, outcome)
                .setParameter(4, at.atOffset(ZoneOffset.UTC)).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
