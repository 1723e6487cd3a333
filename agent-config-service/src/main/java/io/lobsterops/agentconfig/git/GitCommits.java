package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.smallrye.mutiny.Uni;

/**
 * Commits on a client's branch: files laid over the branch's tree (an unchanged tree makes no commit), and the
 * rollback of the default branch to an earlier tree. Also how any commit of the git classes is written and how a ref
 * is moved.
 */
@ApplicationScoped
public class GitCommits {

    private final GitStore store;
    private final RemoteMirror mirror;

    public GitCommits(GitStore store, RemoteMirror mirror) {
        this.store = store;
        this.mirror = mirror;
    }

    /**
     * Creates the client's bare repository unless it exists, then commits {@code files} (path → content, null deletes)
     * on {@code branch} unless the branch already holds exactly that content. Returns the branch's head either way:
     * calling it again with the same files makes no second commit.
     */
    public Uni<String> commitIfChanged(String clientId, String branch, Map<String, String> files, Author author,
            String message) {
        return mirror.write(clientId, () -> {
            Path dir = store.ensureRepository(clientId);
            try (Repository repo = GitStore.open(dir)) {
                return commit(repo, branch, files, author, message).name();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit to the repository of " + clientId, e);
            }
        });
    }

    /**
     * Runs once, at start-up, what the first engagement's repository will run — a bare repository created, a commit
     * written, its history read — on a scratch repository that is then deleted: JGit's classes are loaded and
     * initialised before the first event needs them, not while it waits (benchmarks/README.md, first event). Blocks.
     */
    public void warmUp() {
        Path scratch = null;
        try {
            scratch = java.nio.file.Files.createTempDirectory("agent-config-warm-up").resolve("warm-up.git");
            GitRemote.createBare(scratch, store.defaultBranch());
            try (Repository repo = GitStore.open(scratch); RevWalk walk = new RevWalk(repo)) {
                ObjectId head = commit(repo, store.defaultBranch(), Map.of("README.md", "warm-up\n"),
                        new Author("warm-up", "warm-up@lobsterops.local", java.time.Instant.now()), "Warm up");
                walk.parseCommit(head).getFullMessage();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the JGit warm-up failed", e);
        } finally {
            if (scratch != null) {
                try (var files = java.nio.file.Files.walk(scratch.getParent())) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException ignored) {
                    // a scratch directory in the temporary directory
                }
            }
        }
    }

    /** A new commit on the default branch whose tree is exactly {@code target}'s, an earlier commit of that branch. */
    public Uni<String> rollback(String clientId, String target, Author author, String message) {
        return mirror.write(clientId, () -> {
            String ref = Constants.R_HEADS + store.defaultBranch();
            try (Repository repo = GitStore.open(store.directory(clientId));
                    ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                RevCommit earlier = GitStore.parse(repo, walk, target);
                ObjectId headId = repo.resolve(ref);
                RevCommit head = headId == null ? null : walk.parseCommit(headId);
                if (head == null || !walk.isMergedInto(earlier, head)) {
                    throw new UnknownCommitException("commit " + target + " is not on " + store.defaultBranch());
                }
                if (head.getTree().equals(earlier.getTree())) {
                    return head.name();
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(earlier.getTree());
                commit.setParentId(head);
                commit.setAuthor(GitStore.ident(author));
                commit.setCommitter(store.committer());
                commit.setMessage(message + "\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                moveRef(repo, walk, ref, head, id, message);
                return id.name();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot roll back the repository of " + clientId, e);
            }
        });
    }

    /**
     * Commits {@code files} on {@code branch} of {@code repo}, on top of its head; returns the head itself when the
     * tree would not change. The caller holds the repository.
     */
    ObjectId commit(Repository repo, String branch, Map<String, String> files, Author author, String message)
            throws IOException {
        String ref = Constants.R_HEADS + branch;
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = inserter.newReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId head = repo.resolve(ref);
            RevCommit parent = head == null ? null : walk.parseCommit(head);
            DirCache index = DirCache.newInCore();
            if (parent != null) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
                builder.finish();
            }
            DirCacheEditor editor = index.editor();
            files.forEach((path, content) -> {
                if (content == null) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                } else {
                    editor.add(put(path, insertBlob(inserter, content)));
                }
            });
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            if (parent != null && parent.getTree().equals(tree)) {
                return parent;
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(GitStore.ident(author));
            commit.setCommitter(store.committer());
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            moveRef(repo, walk, ref, head, id, message);
            return id;
        }
    }

    /** An index edit that puts {@code blob} at {@code path} as a regular file. */
    static DirCacheEditor.PathEdit put(String path, ObjectId blob) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
            }
        };
    }

    /** Moves {@code ref} from {@code expected} (null: the ref must not exist) to {@code id}, never forced. */
    static void moveRef(Repository repo, RevWalk walk, String ref, ObjectId expected, ObjectId id, String message)
            throws IOException {
        walk.reset();
        RefUpdate update = repo.updateRef(ref);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        update.setNewObjectId(id);
        update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
        RefUpdate.Result result = update.update(walk);
        switch (result) {
            case NEW, FAST_FORWARD, NO_CHANGE -> {
            }
            default -> throw new IllegalStateException("cannot move " + ref + " to " + id.name() + ": " + result);
        }
    }

    private static ObjectId insertBlob(ObjectInserter inserter, String content) {
        try {
            return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
