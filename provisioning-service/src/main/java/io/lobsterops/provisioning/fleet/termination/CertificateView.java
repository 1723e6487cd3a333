package io.lobsterops.provisioning.fleet.termination;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deletion certificate (ADR 0040): what was archived (the manifest's SHA-256), what was deleted, where, when and
 * by whom. A client's own certificate names no host, path or store of the agency.
 */
public record CertificateView(UUID terminationId, UUID engagementId, String clientId, UUID gatewayId, String reason,
        String requestedBy, Instant requestedAt, Instant terminatedAt, String status, String host, Archive archive,
        List<Deleted> deleted) {

    public record Archive(String manifestSha256, Integer files, Long bytes, String location, String repository,
            Instant retainUntil, Instant deletedAt) {
    }

    /** Where, in the client's words: no host name, address, path or store of the agency. */
    static String clientWhere(String where) {
        if (where.startsWith("host ")) {
            return "the agent's host";
        }
        if (where.startsWith("archive store")) {
            return "the agency's archive store";
        }
        return "the agency's platform";
    }

    static CertificateView from(Termination t, String host, boolean client) {
        List<Deleted> deleted = Deleted.read(t.deleted).stream()
                .map(d -> client ? new Deleted(d.what(), clientWhere(d.where()), d.at()) : d).toList();
        Archive archive = new Archive(t.archiveManifestSha256, t.archiveFiles, t.archiveBytes,
                client ? null : t.archivePath, client ? null : t.repositoryNote, t.retainUntil, t.archiveDeletedAt);
        return new CertificateView(t.id, t.engagementId, t.clientId, t.gatewayId, t.reason, t.requestedBy,
                t.createdAt, t.finishedAt, t.status, client ? null : host, archive, deleted);
    }
}
