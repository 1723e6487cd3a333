package io.lobsterops.monitoring.domain;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One workspace file of an approved release, by its SHA-256 and content: what the gateway's workspace should hold, and
 * what a drifted file is compared with line by line.
 */
@Entity
@Table(name = "released_file")
@IdClass(ReleasedFile.Key.class)
public class ReleasedFile {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Id
    @Column(name = "commit_id")
    public String commit;

    @Id
    public String path;

    @Column(nullable = false)
    public String sha256;

    /** The released text; null for releases recorded before monitoring kept it. */
    public String content;

    protected ReleasedFile() {
    }

    public ReleasedFile(UUID engagementId, String commit, String path, String sha256, String content) {
        this.engagementId = engagementId;
        this.commit = commit;
        this.path = path;
        this.sha256 = sha256;
        this.content = content;
    }

    /** Whether a released path is a file of the agent's workspace (not the scheduled-job spec under openclaw/). */
    public static boolean inWorkspace(String path) {
        return !path.startsWith("openclaw/");
    }

    public static class Key implements Serializable {

        public UUID engagementId;
        public String commit;
        public String path;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(engagementId, key.engagementId)
                    && Objects.equals(commit, key.commit) && Objects.equals(path, key.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(engagementId, commit, path);
        }
    }
}
