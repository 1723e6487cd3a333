package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fleet upgrade in waves (ADR 0058): one OpenClaw version for an ordered list of gateways, the first the canary.
 * Each member's own {@link Upgrade} starts only once the member before it was kept; the first one rolled back (or
 * failed) halts the wave and the members after it stay on their version. RUNNING until every member is upgraded or
 * skipped (COMPLETED) or it halts (HALTED).
 */
@Entity
@Table(name = "upgrade_wave")
public class UpgradeWave {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String HALTED = "HALTED";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {
    };

    /** One gateway of the wave, in order: WAITING, UPGRADING, then what its upgrade ended as, or left out. */
    public record Member(UUID gatewayId, UUID engagementId, String status, UUID upgradeId, String detail) {

        public static final String WAITING = "WAITING";
        public static final String UPGRADING = "UPGRADING";
        /** Already on the wave's version when its turn came: nothing to do. */
        public static final String SKIPPED = "SKIPPED";
        /** The wave halted before its turn: still on its version. */
        public static final String NOT_UPGRADED = "NOT_UPGRADED";

        Member with(String newStatus, UUID newUpgradeId, String newDetail) {
            return new Member(gatewayId, engagementId, newStatus, newUpgradeId, newDetail);
        }
    }

    @Id
    public UUID id;

    @Column(name = "to_version", nullable = false)
    public String toVersion;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String members;

    @Column(name = "halted_reason")
    public String haltedReason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Version
    public int version;

    /** A wave upgrading {@code members} (WAITING, in order) to {@code toVersion}, RUNNING from now. */
    static UpgradeWave started(String toVersion, List<Member> members, String by, Instant now) {
        UpgradeWave wave = new UpgradeWave();
        wave.id = UUID.randomUUID();
        wave.toVersion = toVersion;
        wave.status = RUNNING;
        wave.members(members);
        wave.requestedBy = by;
        wave.createdAt = now;
        return wave;
    }

    public List<Member> members() {
        try {
            return JSON.readValue(members, MEMBERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("upgrade wave " + id + ": unreadable members", e);
        }
    }

    void members(List<Member> list) {
        try {
            members = JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the wave at {@code at}: the members still waiting stay on their version. */
    void halt(List<Member> list, String reason, Instant at) {
        members(list.stream().map(m -> Member.WAITING.equals(m.status()) ? m.with(Member.NOT_UPGRADED, null,
                "the wave halted before this gateway") : m).toList());
        status = HALTED;
        haltedReason = reason;
        finishedAt = at;
    }

    void complete(List<Member> list, Instant at) {
        members(list);
        status = COMPLETED;
        finishedAt = at;
    }
}
