package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/**
 * A routing rule: messages of an audience (and optionally a priority, an event type, a client) go to a channel —
 * to every matching destination, or to one named destination. {@code repage}: the message pages the first person
 * on duty and again until acknowledged.
 */
@Entity
@Table(name = "route")
public class Route {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "client_id")
    public String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "destination_id")
    public UUID destinationId;

    @Column(nullable = false)
    public boolean repage;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** What a staff member states of a rule (blank texts already absent). */
    public record Settings(String name, Audience audience, Priority priority, String eventType, String clientId,
            Channel channel, UUID destinationId, boolean repage, boolean enabled) {
    }

    public static Route created(Settings settings, String by, Instant at) {
        Route route = new Route();
        route.id = UUID.randomUUID();
        route.createdAt = at;
        route.createdBy = by;
        route.changed(settings);
        return route;
    }

    /** The rule now says this; only a staff rule repages (the on-duty list is staff). */
    public void changed(Settings settings) {
        if (settings.repage() && settings.audience() != Audience.STAFF) {
            throw new ProblemException(ProblemType.VALIDATION, "repage: only a staff rule pages the on-duty list");
        }
        name = settings.name();
        audience = settings.audience();
        priority = settings.priority();
        eventType = settings.eventType();
        clientId = settings.clientId();
        channel = settings.channel();
        destinationId = settings.destinationId();
        repage = settings.repage();
        enabled = settings.enabled();
    }
}
