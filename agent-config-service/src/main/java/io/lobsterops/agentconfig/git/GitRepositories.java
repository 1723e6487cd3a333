package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.config.GitConfig;
import io.lobsterops.agentconfig.domain.ClientIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The clients' bare repositories, worked on with JGit's low-level API (object inserter, in-core index, commit builder,
 * ref update): no working tree ever. JGit blocks, so every public method runs its work through
 * {@link Vertx#executeBlocking(Uni)}, which hands the result back on the caller's Vert.x context: a Hibernate Reactive
 * session chain that calls in here stays on its own context. Writes to one repository are serialized in this process,
 * and every ref update states the head it expects, so a concurrent writer elsewhere fails instead of being lost.
 */
@ApplicationScoped
public class GitRepositories {

    private static final Logger LOG = Logger.getLogger(GitRepositories.class);

    private final Vertx vertx;
    private final GitConfig config;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitRepositories(Vertx vertx, GitConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Where the repository of {@code clientId} lives (a file URI). */
    public String location(String clientId) {
        return directory(clientId).toUri().toString();
    }

    public String defaultBranch() {
        return config.defaultBranch();
    }

    /**
     * Creates the client's bare repository unless it exists, then commits {@code files} (path → content, null deletes)
     * on {@code branch} unless the branch already holds exactly that content. Returns the branch's head either way:
     * calling it again with the same files makes no second commit.
     */
    public Uni<String> commitIfChanged(String clientId, String branch, Map<String, String> files, Author author,
            String message) {
        return blocking(() -> locked(clientId, () -> {
            Path dir = ensureRepository(clientId);
            try (Repository repo = open(dir)) {
                return commit(repo, branch, files, author, message).name();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit to the repository of " + clientId, e);
            }
        }));
    }

    /** The commits of {@code branch}, newest first, at most {@code limit}. */
    public Uni<History> history(String clientId, String branch, int limit) {
        return blocking(() -> {
            Path dir = directory(clientId);
            if (!Files.isRegularFile(dir.resolve(Constants.HEAD))) {
                throw new IllegalStateException("the repository of client " + clientId + " is missing at " + dir);
            }
            try (Repository repo = open(dir); RevWalk walk = new RevWalk(repo)) {
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
                return new History(location(clientId), branch, head == null ? null : head.name(), commits);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the repository of " + clientId, e);
            }
        });
    }

    private ObjectId commit(Repository repo, String branch, Map<String, String> files, Author author, String message)
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
                    ObjectId blob = insertBlob(inserter, content);
                    editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    });
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
            commit.setAuthor(new PersonIdent(author.name(), author.email(), author.at(), ZoneOffset.UTC));
            commit.setCommitter(new PersonIdent(config.committer().name(), config.committer().email(),
                    java.time.Instant.now(), ZoneOffset.UTC));
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            moveRef(repo, walk, ref, head, id, message);
            return id;
        }
    }

    private static void moveRef(Repository repo, RevWalk walk, String ref, ObjectId expected, ObjectId id,
            String message) throws IOException {
        RefUpdate update = repo.updateRef(ref);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        update.setNewObjectId(id);
        update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
        RefUpdate.Result result = update.update(walk);
        switch (result) {
            case NEW, FAST_FORWARD -> {
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

    /** Creates the bare repository in a scratch directory and renames it into place: a crash leaves no half repository. */
    private Path ensureRepository(String clientId) {
        Path dir = directory(clientId);
        if (Files.isRegularFile(dir.resolve(Constants.HEAD))) {
            return dir;
        }
        Path scratch = dir.resolveSibling("." + dir.getFileName() + ".creating-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir.getParent());
            try (Repository repo = new FileRepositoryBuilder().setGitDir(scratch.toFile()).setBare().build()) {
                repo.create(true);
                RefUpdate head = repo.getRefDatabase().newUpdate(Constants.HEAD, false);
                head.disableRefLog();
                head.link(Constants.R_HEADS + config.defaultBranch());
            }
            Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("created the repository of client %s at %s", clientId, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository of " + clientId + " at " + dir, e);
        }
    }

    private static Repository open(Path dir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    private Path directory(String clientId) {
        if (!ClientIds.valid(clientId)) {
            throw new IllegalArgumentException("not a client id: " + clientId);
        }
        return Path.of(config.root()).toAbsolutePath().normalize().resolve(clientId + ".git");
    }

    private <T> T locked(String clientId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(clientId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }
}
