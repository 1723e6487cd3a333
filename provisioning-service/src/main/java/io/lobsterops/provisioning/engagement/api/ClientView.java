package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;
import java.util.List;

import io.lobsterops.provisioning.engagement.domain.Client;
import io.lobsterops.provisioning.engagement.service.ClientService.ClientWithHistory;

/**
 * A client. Staff see who created or archived it and its corrections ({@code history}, oldest first; empty in a
 * list); a client user sees its own name and whether it is archived, never who did what inside the agency.
 */
public record ClientView(String id, String name, boolean archived, Instant createdAt, String createdBy,
        Instant archivedAt, String archivedBy, List<ClientChangeView> history) {

    public static ClientView forStaff(ClientWithHistory found) {
        Client c = found.client();
        return new ClientView(c.id, c.name, c.archived(), c.createdAt, c.createdBy, c.archivedAt, c.archivedBy,
                found.history().stream().map(ClientChangeView::from).toList());
    }

    public static ClientView inList(Client c) {
        return new ClientView(c.id, c.name, c.archived(), c.createdAt, c.createdBy, c.archivedAt, c.archivedBy,
                List.of());
    }

    public static ClientView forClient(Client c) {
        return new ClientView(c.id, c.name, c.archived(), c.createdAt, null, c.archivedAt, null, List.of());
    }
}
