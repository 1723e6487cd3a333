package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.Stage;

/** Who pays for an engagement: opened with the engagement, followed along its lifecycle. */
@Entity
@Table(name = "billing_account")
public class BillingAccount {

    public static final String DEFAULT_CURRENCY = "EUR";

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    @Column(name = "billing_contact")
    public String billingContact;

    @Column(name = "billing_email")
    public String billingEmail;

    @Column(nullable = false)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "engagement_stage", nullable = false)
    public Stage engagementStage;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the engagement first went LIVE: the monthly maintenance fee runs from here. */
    @Column(name = "live_since")
    public Instant liveSince;

    @Column(name = "terminated_at")
    public Instant terminatedAt;

    protected BillingAccount() {
    }

    public static BillingAccount open(UUID engagementId, String clientId, String clientName, String contact,
            String email, Stage stage, Instant at) {
        BillingAccount account = new BillingAccount();
        account.engagementId = engagementId;
        account.clientId = clientId;
        account.clientName = clientName;
        account.billingContact = contact;
        account.billingEmail = email;
        account.currency = DEFAULT_CURRENCY;
        account.status = AccountStatus.OPEN;
        account.engagementStage = stage;
        account.openedAt = at;
        account.updatedAt = at;
        return account;
    }

    /**
     * A supervisor corrected the client's name in provisioning (ADR 0059): invoices issued from now on carry the new
     * one, those already issued keep theirs. Answers whether the name changed.
     */
    public boolean clientRenamed(String name, Instant at) {
        if (name == null || name.isBlank() || name.equals(clientName)) {
            return false;
        }
        clientName = name;
        updatedAt = at;
        return true;
    }

    /** Follows the engagement: a terminated engagement closes its account, a suspended one puts it on hold. */
    public void engagementMovedTo(Stage stage, Instant at) {
        engagementStage = stage;
        if (stage == Stage.LIVE && liveSince == null) {
            liveSince = at;
        }
        if (stage == Stage.TERMINATED && terminatedAt == null) {
            terminatedAt = at;
        }
        status = switch (stage) {
            case TERMINATED -> AccountStatus.CLOSED;
            case SUSPENDED -> AccountStatus.ON_HOLD;
            default -> AccountStatus.OPEN;
        };
        updatedAt = at;
    }

    public enum AccountStatus {
        OPEN,
        ON_HOLD,
        CLOSED
    }
}
