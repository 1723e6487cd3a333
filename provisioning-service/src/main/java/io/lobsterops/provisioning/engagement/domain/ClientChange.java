package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The audit trail of a client's corrections: what changed, the name before and after, who, when, why. */
@Entity
@Table(name = "client_change")
public class ClientChange {

    public enum Kind {
        RENAMED,
        ARCHIVED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "old_name", nullable = false)
    public String oldName;

    @Column(name = "new_name", nullable = false)
    public String newName;

    @Column(nullable = false)
    public String reason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected ClientChange() {
    }

    private ClientChange(Client client, Kind kind, String oldName, String newName, String reason, String by,
            Instant at) {
        this.clientId = client.id;
        this.kind = kind;
        this.oldName = oldName;
        this.newName = newName;
        this.reason = reason;
        this.changedBy = by;
        this.changedAt = at;
    }

    static ClientChange renamed(Client client, String oldName, String newName, String reason, String by, Instant at) {
        return new ClientChange(client, Kind.RENAMED, oldName, newName, reason, by, at);
    }

    static ClientChange archived(Client client, String reason, String by, Instant at) {
        return new ClientChange(client, Kind.ARCHIVED, client.name, client.name, reason, by, at);
    }
}
