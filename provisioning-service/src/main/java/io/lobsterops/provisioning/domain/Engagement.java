package io.lobsterops.provisioning.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.events.Stage;
import io.lobsterops.events.StageTransitions;

/** One client's engagement, from first contact to termination, and where it stands in the lifecycle. */
@Entity
@Table(name = "engagement")
public class Engagement {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "client_id")
    public Client client;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_email")
    public String contactEmail;

    public String sector;

    public String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    /** The stage a SUSPENDED engagement left, where resuming takes it back. */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspended_from")
    public Stage suspendedFrom;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    protected Engagement() {
    }

    public static Engagement open(Client client, String contactName, String contactEmail, String sector, String region,
            String openedBy, Instant now) {
        Engagement engagement = new Engagement();
        engagement.id = UUID.randomUUID();
        engagement.client = client;
        engagement.contactName = contactName;
        engagement.contactEmail = contactEmail;
        engagement.sector = sector;
        engagement.region = region;
        engagement.stage = Stage.LEAD;
        engagement.openedBy = openedBy;
        engagement.openedAt = now;
        engagement.updatedAt = now;
        return engagement;
    }

    /**
     * Moves the engagement to {@code to}, or refuses with {@link InvalidTransitionException}. Suspending remembers
     * where it was; resuming goes back exactly there.
     */
    public StageChange moveTo(Stage to, String reason, String by, Instant now) {
        Stage from = stage;
        if (!StageTransitions.allowed(from, to, suspendedFrom)) {
            throw new InvalidTransitionException(from, to, suspendedFrom);
        }
        suspendedFrom = to == Stage.SUSPENDED ? from : null;
        stage = to;
        updatedAt = now;
        return new StageChange(this, from, to, reason, by, now);
    }
}
