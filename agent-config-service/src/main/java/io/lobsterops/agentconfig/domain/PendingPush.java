package io.lobsterops.agentconfig.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client whose repository has committed changes the git server has not received yet (ADR 0063). The row is written
 * in the transaction of the change ({@code PendingPushRepository#request}) and deleted by the push job once a push
 * went through; a failed push leaves it with its reason and the time of the next attempt.
 */
@Entity
@Table(name = "pending_push")
public class PendingPush {

    @Id
    @Column(name = "client_id")
    public String clientId;

    /** Changes recorded since the row was created: a push that began before the last one does not clear the row. */
    @Column(nullable = false)
    public long generation;

    /** When the oldest change not pushed yet was recorded. */
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** Failed pushes since then. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** Why the last push failed, in the words of {@code RemoteGitException}: no secret. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** Until when a push job is pushing it. */
    @Column(name = "leased_until")
    public Instant leasedUntil;

    protected PendingPush() {
    }
}
