package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client company. Its id is a slug chosen by the agency ({@code acme}), stable for its whole life; its name may be
 * corrected, and a client none of whose engagements is open may be archived, after which it gets no new engagement
 * (ADR 0059). Each correction is a {@link ClientChange}.
 */
@Entity
@Table(name = "client")
public class Client {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "archived_by")
    public String archivedBy;

    protected Client() {
    }

    public Client(String id, String name, String createdBy, Instant now) {
        this.id = id;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** Takes {@code newName}; answers the correction to keep, or empty when the name is already that. */
    public Optional<ClientChange> rename(String newName, String reason, String by, Instant at) {
        if (name.equals(newName)) {
            return Optional.empty();
        }
        ClientChange change = ClientChange.renamed(this, name, newName, reason, by, at);
        name = newName;
        return Optional.of(change);
    }

    /** Archives the client; answers the correction to keep. The caller checked that no engagement is open. */
    public ClientChange archive(String reason, String by, Instant at) {
        archivedAt = at;
        archivedBy = by;
        return ClientChange.archived(this, reason, by, at);
    }
}
