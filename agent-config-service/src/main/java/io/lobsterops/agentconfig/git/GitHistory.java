package io.lobsterops.agentconfig.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.smallrye.mutiny.Uni;

/** What a client's repository holds: a branch's commits, the files of a commit, the diff between two commits. */
@ApplicationScoped
public class GitHistory {

    private final GitStore store;

    public GitHistory(GitStore store) {
        this.store = store;
    }

    /** The commits of {@code branch}, newest first, at most {@code limit}. */
    public Uni<History> history(String clientId, String branch, int limit) {
        return store.blocking(() -> {
            Path dir = store.directory(clientId);
            if (!store.exists(dir)) {
                throw new IllegalStateException("the repository of client " + clientId + " is missing at " + dir);
            }
            try (Repository repo = GitStore.open(dir); RevWalk walk = new RevWalk(repo)) {
                ObjectId head = repo.resolve(Constants.R_HEADS + branch);
                List<CommitInfo> commits = new ArrayList<>();
                if (head != null) {
                    walk.markStart(walk.parseCommit(head));
                    for (RevCommit commit : walk) {
                        if (commits.size() >= limit) {
                            break;
                        }
                        PersonIdent who = commit.getAuthorIdent();
                        commits.add(new CommitInfo(commit.name(), commit.getFullMessage().strip(), who.getName(),
                                who.getEmailAddress(), who.getWhenAsInstant()));
                    }
                }
                return new History(store.location(clientId), branch, head == null ? null : head.name(), commits);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the repository of " + clientId, e);
            }
        });
    }

    /** Every file of {@code commit} but the README: what a proposal holds, for the lint to scan again. */
    public Uni<Map<String, String>> files(String clientId, String commitId) {
        return store.blocking(() -> {
            try (Repository repo = GitStore.open(store.directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = GitStore.parse(repo, walk, commitId);
                Map<String, String> files = new LinkedHashMap<>();
                try (TreeWalk tree = new TreeWalk(repo)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        if (!tree.getPathString().equals("README.md")) {
                            files.put(tree.getPathString(), new String(repo.open(tree.getObjectId(0)).getBytes(),
                                    StandardCharsets.UTF_8));
                        }
                    }
                }
                return files;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the repository of " + clientId, e);
            }
        });
    }

    /** A unified diff between two commits of the repository. */
    public Uni<String> diff(String clientId, String from, String to) {
        return store.blocking(() -> {
            try (Repository repo = GitStore.open(store.directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                RevCommit a = GitStore.parse(repo, walk, from);
                RevCommit b = GitStore.parse(repo, walk, to);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (DiffFormatter formatter = new DiffFormatter(out)) {
                    formatter.setRepository(repo);
                    formatter.format(a.getTree(), b.getTree());
                }
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot diff in the repository of " + clientId, e);
            }
        });
    }
}
