package io.lobsterops.provisioning.fleet.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.smallrye.mutiny.Uni;

/** Gateways, read within the caller's tenant scope: a client sees only its own ({@code clientId}). */
@ApplicationScoped
public class GatewayRepository implements ClientScoped<Gateway, UUID> {

    public Uni<Gateway> findByEngagement(UUID engagementId) {
        return find("engagementId", engagementId).firstResult();
    }

    /** The engagement's gateway if there is one and {@code clientScope} may see it, else null. */
    public Uni<Gateway> findVisibleOfEngagement(UUID engagementId, Optional<String> clientScope) {
        Where where = visible(clientScope, Where.of("engagementId = :engagement", "engagement", engagementId));
        return find(where.hql(), where.parameters()).firstResult();
    }

    /** The gateways a host carries: a terminated one no longer counts (ADR 0040). */
    public Uni<List<Gateway>> onHost(UUID hostId) {
        return list("hostId = ?1 and state <> ?2", hostId, io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED);
    }

    /**
     * The ports held by live gateways of every host record at this address, or only of those of one login account:
     * one machine registered twice (two records, two SSH users or ports) still has one set of ports, so a new
     * gateway's port is chosen past all of them; one account shares one {@code authorized_keys}, so monitoring's line
     * there permits the ports of its every record. Distinct, in order.
     */
    public Uni<List<Integer>> portsAt(String address, Optional<String> loginUser) {
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select distinct g.port from Gateway g, Host h"
                    + " where g.hostId = h.id and h.address = :address and g.state <> :terminated"
                    + (loginUser.isPresent() ? " and h.loginUser = :user" : "") + " order by g.port", Integer.class)
                    .setParameter("address", address)
                    .setParameter("terminated", io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED);
            loginUser.ifPresent(user -> query.setParameter("user", user));
            return query.getResultList();
        });
    }

    /**
     * Kills to enforce: those tried and not enforced yet, and those nobody tried within {@link #UNTRIED_KILL} of their
     * request: a rule's pause ({@code agent.pause-requested}), which is only recorded, or a person's whose instance
     * stopped before its first attempt. A person's kill being enforced by its own request is left to it meanwhile.
     */
    public Uni<List<Gateway>> pendingKills() {
        return list("state = ?1 and (killAttempts > 0 or killRequestedAt < ?2) order by killRequestedAt",
                io.lobsterops.provisioning.fleet.domain.GatewayState.SUSPENDING, java.time.Instant.now().minus(UNTRIED_KILL));
    }

    public static final java.time.Duration UNTRIED_KILL = java.time.Duration.ofSeconds(15);

    /** Gateways per host, for the hosts given (a host without any is absent from the map). */
    public Uni<java.util.Map<UUID, Long>> countOnHosts(List<UUID> hostIds) {
        if (hostIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                "select g.hostId, count(g) from Gateway g where g.hostId in :hosts and g.state <> :terminated"
                + " group by g.hostId", Object[].class).setParameter("hosts", hostIds)
                .setParameter("terminated", io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED).getResultList())
                .map(rows -> rows.stream().collect(java.util.stream.Collectors.toMap(row -> (UUID) row[0],
                        row -> (Long) row[1])));
    }

    public Uni<Long> countOnHost(UUID hostId) {
        return count("hostId = ?1 and state <> ?2", hostId, io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED);
    }
}
