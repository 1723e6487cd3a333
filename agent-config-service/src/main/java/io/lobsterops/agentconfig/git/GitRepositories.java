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
 * session chain that calls in here stays on its own context. Writes to one repository are serialized in this process
 * (and across replicas by the caller's {@code RepositoryLock}), and every ref update states the head it expects, so a
 * concurrent writer elsewhere fails instead of being lost. After each write the branches and tags are pushed to the
 * configured {@link GitRemote}; a failed push does not undo the local write (the local repository is the record), it
 * is remembered and retried by the next write or by {@link #sync(String)}.
 */
@ApplicationScoped
public class GitRepositories {

    private static final Logger LOG = Logger.getLogger(GitRepositories.class);

    private final Vertx vertx;
    private final GitConfig config;
    private final GitRemote remote;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, RemoteState> pushes = new ConcurrentHashMap<>();

    public GitRepositories(Vertx vertx, GitConfig config, GitRemote remote) {
        this.vertx = vertx;
        this.config = config;
        this.remote = remote;
    }

    /**
     * Where the client's repository is pushed and how the last push in this process went; empty without a remote.
     */
    public java.util.Optional<RemoteState> remoteState(String clientId) {
        return remote.displayUrl(clientId).map(url -> pushes.getOrDefault(clientId, RemoteState.unknown(url)));
    }

    /**
     * Pushes the client's branches and tags to the remote now: what an earlier failed push left behind goes out.
     * Fails with a {@link RemoteGitException} saying why when the server cannot be reached or refuses.
     */
    public Uni<RemoteState> sync(String clientId) {
        return blocking(() -> {
            ReentrantLock lock = locks.computeIfAbsent(clientId, id -> new ReentrantLock());
            lock.lock();
            try {
                if (!Files.isRegularFile(directory(clientId).resolve(Constants.HEAD))) {
                    throw new IllegalStateException("the repository of client " + clientId + " is missing");
                }
                return push(clientId);
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * Removes {@code branch} if it still points at {@code commit}, here and on the remote: the compensation of a
     * proposal whose database transaction did not commit. Anything else on the branch is left alone.
     */
    public Uni<Boolean> discardBranch(String clientId, String branch, String commit) {
        return blocking(() -> locked(clientId, () -> {
            String ref = Constants.R_HEADS + branch;
            try (Repository repo = open(directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                org.eclipse.jgit.lib.Ref current = repo.exactRef(ref);
                if (current == null || !current.getObjectId().name().equals(commit)) {
                    return false;
                }
                RefUpdate delete = repo.updateRef(ref);
                delete.setExpectedOldObjectId(current.getObjectId());
                delete.setForceUpdate(true);
                RefUpdate.Result result = delete.delete(walk);
                if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                    throw new IllegalStateException("cannot delete " + ref + ": " + result);
                }
                LOG.infof("discarded %s of client %s (commit %s): its transaction did not commit", branch, clientId,
                        commit);
                remote.push(repo, clientId, List.of(new org.eclipse.jgit.transport.RefSpec(":" + ref)));
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot discard " + branch + " of " + clientId, e);
            }
        }));
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

    /**
     * Commits {@code files} on a new branch started at the default branch's head: the proposal's own line of history,
     * which approval merges back.
     */
    public Uni<Proposed> propose(String clientId, String branch, Map<String, String> files, Author author,
            String message) {
        return blocking(() -> locked(clientId, () -> {
            try (Repository repo = open(ensureRepository(clientId)); RevWalk walk = new RevWalk(repo)) {
                ObjectId base = repo.resolve(Constants.R_HEADS + config.defaultBranch());
                org.eclipse.jgit.lib.Ref existing = repo.exactRef(Constants.R_HEADS + branch);
                if (existing != null) {
                    // the caller holds the repository lock and knows no proposal on this branch: what is there is
                    // an orphan of a transaction that did not commit (a crash before its compensation ran)
                    LOG.warnf("branch %s of client %s held orphan commit %s: started again from %s", branch,
                            clientId, existing.getObjectId().name(), config.defaultBranch());
                    RefUpdate reset = repo.updateRef(existing.getName());
                    reset.setExpectedOldObjectId(existing.getObjectId());
                    reset.setForceUpdate(true);
                    RefUpdate.Result result;
                    if (base == null) {
                        result = reset.delete(walk);
                    } else {
                        reset.setNewObjectId(base);
                        result = reset.update(walk);
                    }
                    if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                        throw new IllegalStateException("cannot start " + branch + " again: " + result);
                    }
                    walk.reset();
                } else if (base != null) {
                    moveRef(repo, walk, Constants.R_HEADS + branch, null, base, "branch: from " + config.defaultBranch());
                }
                ObjectId commit = commit(repo, branch, files, author, message);
                return new Proposed(base == null ? null : base.name(), commit.name());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot propose on the repository of " + clientId, e);
            }
        }));
    }

    /** Every file of {@code commit} but the README: what a proposal holds, for the lint to scan again. */
    public Uni<Map<String, String>> files(String clientId, String commitId) {
        return blocking(() -> {
            try (Repository repo = open(directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = parse(repo, walk, commitId);
                Map<String, String> files = new java.util.LinkedHashMap<>();
                try (org.eclipse.jgit.treewalk.TreeWalk tree = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
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

    /**
     * Brings {@code proposal} into the default branch (fast-forward when the branch has not moved since, otherwise a
     * merge commit whose tree is the branch's with the proposal's files laid over it) and tags the result
     * {@code release-N}, N one more than the highest release of the repository. The approver is the tagger.
     */
    public Uni<Release> release(String clientId, String proposalCommit, Author approver, String message) {
        return blocking(() -> locked(clientId, () -> {
            String ref = Constants.R_HEADS + config.defaultBranch();
            try (Repository repo = open(directory(clientId)); ObjectInserter inserter = repo.newObjectInserter();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit proposal = parse(repo, walk, proposalCommit);
                ObjectId head = repo.resolve(ref);
                java.util.Optional<Release> earlier = earlierRelease(repo, walk, head, proposal);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                RevCommit released;
                if (head == null || walk.isMergedInto(walk.parseCommit(head), proposal)) {
                    moveRef(repo, walk, ref, head, proposal, "merge: fast-forward");
                    released = proposal;
                } else {
                    RevCommit main = walk.parseCommit(head);
                    DirCache index = DirCache.newInCore();
                    DirCacheBuilder builder = index.builder();
                    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), main.getTree());
                    builder.finish();
                    DirCacheEditor editor = index.editor();
                    try (org.eclipse.jgit.treewalk.TreeWalk tree = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
                        tree.addTree(proposal.getTree());
                        tree.setRecursive(true);
                        while (tree.next()) {
                            if (tree.getPathString().equals("README.md")) {
                                continue;
                            }
                            ObjectId blob = tree.getObjectId(0);
                            editor.add(new DirCacheEditor.PathEdit(tree.getPathString()) {
                                @Override
                                public void apply(DirCacheEntry entry) {
                                    entry.setFileMode(FileMode.REGULAR_FILE);
                                    entry.setObjectId(blob);
                                }
                            });
                        }
                    }
                    editor.finish();
                    CommitBuilder merge = new CommitBuilder();
                    merge.setTreeId(index.writeTree(inserter));
                    merge.setParentIds(main, proposal);
                    merge.setAuthor(ident(approver));
                    merge.setCommitter(committer());
                    merge.setMessage(message + "\n");
                    ObjectId id = inserter.insert(merge);
                    inserter.flush();
                    moveRef(repo, walk, ref, head, id, message);
                    released = walk.parseCommit(id);
                }
                int next = repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + "release-").stream()
                        .map(r -> r.getName().substring((Constants.R_TAGS + "release-").length()))
                        .filter(n -> n.matches("\\d{1,9}")).mapToInt(Integer::parseInt).max().orElse(0) + 1;
                String tag = "release-" + next;
                org.eclipse.jgit.lib.TagBuilder annotated = new org.eclipse.jgit.lib.TagBuilder();
                annotated.setTag(tag);
                annotated.setObjectId(released);
                annotated.setTagger(ident(approver));
                annotated.setMessage(message + "\n");
                ObjectId tagId = inserter.insert(annotated);
                inserter.flush();
                moveRef(repo, walk, Constants.R_TAGS + tag, null, tagId, "tag: " + tag);
                return new Release(released.name(), tag);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release on the repository of " + clientId, e);
            }
        }));
    }

    /**
     * The release an earlier attempt already made of {@code proposal} (the branch head is the proposal or its merge,
     * and a release tag names it): a retried approval whose database transaction failed gets the same tag back.
     */
    private static java.util.Optional<Release> earlierRelease(Repository repo, RevWalk walk, ObjectId head,
            RevCommit proposal) throws IOException {
        if (head == null) {
            return java.util.Optional.empty();
        }
        RevCommit main = walk.parseCommit(head);
        boolean released = main.equals(proposal)
                || main.getParentCount() == 2 && main.getParent(1).equals(proposal);
        if (!released) {
            return java.util.Optional.empty();
        }
        for (org.eclipse.jgit.lib.Ref tag : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + "release-")) {
            org.eclipse.jgit.lib.Ref peeled = repo.getRefDatabase().peel(tag);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            if (main.equals(target)) {
                return java.util.Optional.of(new Release(main.name(),
                        tag.getName().substring(Constants.R_TAGS.length())));
            }
        }
        return java.util.Optional.empty();
    }

    /** A unified diff between two commits of the repository. */
    public Uni<String> diff(String clientId, String from, String to) {
        return blocking(() -> {
            try (Repository repo = open(directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                RevCommit a = parse(repo, walk, from);
                RevCommit b = parse(repo, walk, to);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (org.eclipse.jgit.diff.DiffFormatter formatter = new org.eclipse.jgit.diff.DiffFormatter(out)) {
                    formatter.setRepository(repo);
                    formatter.format(a.getTree(), b.getTree());
                }
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot diff in the repository of " + clientId, e);
            }
        });
    }

    /** A new commit on the default branch whose tree is exactly {@code target}'s, an earlier commit of that branch. */
    public Uni<String> rollback(String clientId, String target, Author author, String message) {
        return blocking(() -> locked(clientId, () -> {
            String ref = Constants.R_HEADS + config.defaultBranch();
            try (Repository repo = open(directory(clientId)); ObjectInserter inserter = repo.newObjectInserter();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit earlier = parse(repo, walk, target);
                ObjectId headId = repo.resolve(ref);
                RevCommit head = headId == null ? null : walk.parseCommit(headId);
                if (head == null || !walk.isMergedInto(earlier, head)) {
                    throw new UnknownCommitException("commit " + target + " is not on " + config.defaultBranch());
                }
                if (head.getTree().equals(earlier.getTree())) {
                    return head.name();
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(earlier.getTree());
                commit.setParentId(head);
                commit.setAuthor(ident(author));
                commit.setCommitter(committer());
                commit.setMessage(message + "\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                moveRef(repo, walk, ref, head, id, message);
                return id.name();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot roll back the repository of " + clientId, e);
            }
        }));
    }

    private static RevCommit parse(Repository repo, RevWalk walk, String commitId) throws IOException {
        if (commitId == null || !commitId.matches("[0-9a-f]{7,40}")) {
            throw new UnknownCommitException("'" + commitId + "' is not a commit id");
        }
        // a full 40-hex id resolves to itself whether or not the object exists: ask the object database
        try {
            ObjectId id = repo.resolve(commitId + "^{commit}");
            if (id == null || !repo.getObjectDatabase().has(id)) {
                throw new UnknownCommitException("commit " + commitId + " does not exist in this repository");
            }
            return walk.parseCommit(id);
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException
                | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new UnknownCommitException("commit " + commitId + " does not exist in this repository");
        }
    }

    private static PersonIdent ident(Author author) {
        return new PersonIdent(author.name(), author.email(), author.at(), ZoneOffset.UTC);
    }

    private PersonIdent committer() {
        return new PersonIdent(config.committer().name(), config.committer().email(), java.time.Instant.now(),
                ZoneOffset.UTC);
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

    /** Creates the bare repository in a scratch directory and renames it into place: a crash leaves no half repository. */
    private Path ensureRepository(String clientId) {
        Path dir = directory(clientId);
        if (Files.isRegularFile(dir.resolve(Constants.HEAD))) {
            return dir;
        }
        Path scratch = dir.resolveSibling("." + dir.getFileName() + ".creating-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir.getParent());
            GitRemote.createBare(scratch, config.defaultBranch());
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

    /** Runs a write on the client's repository alone, then pushes its branches and tags to the remote if any. */
    private <T> T locked(String clientId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(clientId, id -> new ReentrantLock());
        lock.lock();
        try {
            T result = work.get();
            if (remote.configured()) {
                try {
                    push(clientId);
                } catch (RemoteGitException e) {
                    LOG.warnf("the push of client %s's repository failed, the local commit is kept and goes out with "
                            + "the next change or a sync: %s", clientId, e.getMessage());
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes the default branch and tags (never forced) and the proposal branches (forced: an orphan branch is
     * started again from main, see {@link #propose}) to the remote. Idempotent: what the remote already has is not
     * sent again. The outcome is remembered for {@link #remoteState(String)}.
     */
    private RemoteState push(String clientId) {
        String url = remote.displayUrl(clientId).orElse(null);
        if (url == null) {
            return null;
        }
        String main = Constants.R_HEADS + config.defaultBranch();
        try (Repository repo = open(directory(clientId))) {
            remote.push(repo, clientId, List.of(new org.eclipse.jgit.transport.RefSpec(main + ":" + main),
                    new org.eclipse.jgit.transport.RefSpec("+refs/heads/proposals/*:refs/heads/proposals/*"),
                    new org.eclipse.jgit.transport.RefSpec("refs/tags/*:refs/tags/*")));
            RemoteState state = RemoteState.pushed(url, java.time.Instant.now());
            pushes.put(clientId, state);
            return state;
        } catch (RemoteGitException e) {
            pushes.put(clientId, RemoteState.failed(url, java.time.Instant.now(), e));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the repository of " + clientId, e);
        }
    }

    private <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }
}
