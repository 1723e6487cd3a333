package io.lobsterops.agentconfig.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client company as this service knows it from its engagements, with its one git repository. */
@Entity
@Table(name = "client")
public class Client {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    /** Where the client's bare repository lives. */
    @Column(nullable = false)
    public String repository;

    @Column(name = "default_branch", nullable = false)
    public String defaultBranch;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When provisioning archived the client (ADR 0059); its names still count for the leak lint. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    protected Client() {
    }

    public static Client of(String clientId, String clientName, String repository, String defaultBranch, Instant at) {
        Client client = new Client();
        client.clientId = clientId;
        client.clientName = clientName;
        client.repository = repository;
        client.defaultBranch = defaultBranch;
        client.createdAt = at;
        client.updatedAt = at;
        return client;
    }

    /** A later engagement, or a supervisor's correction, may carry the client's new name; the repository stays. */
    public void renamed(String name, Instant at) {
        if (name != null && !name.isBlank() && !name.equals(clientName)) {
            clientName = name;
            updatedAt = at;
        }
    }

    public void archived(Instant at) {
        if (archivedAt == null) {
            archivedAt = at;
            updatedAt = at;
        }
    }
}
