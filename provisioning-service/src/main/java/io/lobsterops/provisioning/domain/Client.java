package io.lobsterops.provisioning.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client company. Its id is a slug chosen by the agency ({@code acme}), stable for its whole life. */
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

    protected Client() {
    }

    public Client(String id, String name, String createdBy, Instant now) {
        this.id = id;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = now;
    }
}
