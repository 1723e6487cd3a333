package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jboss.logging.Logger;

import io.lobsterops.agentconfig.config.GitConfig;
import io.lobsterops.agentconfig.domain.ClientIds;
import io.lobsterops.kit.blocking.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Where the clients' bare repositories live and how they are opened: worked on with JGit's low-level API (object
 * inserter, in-core index, commit builder, ref update), no working tree ever. JGit blocks, so every public method of
 * the git classes runs its work through {@link #blocking(Supplier)} (on a virtual thread, {@link Blocking#run}, ADR
 * 0065), which hands the result back on the caller's Vert.x context: a Hibernate Reactive session chain that calls in
 * here stays on its own context. Writes to one repository are serialized in this process by {@link #exclusive(String, Supplier)} (and
 * across replicas by the caller's {@code RepositoryLock}); every ref update states the head it expects, so a
 * concurrent writer elsewhere fails instead of being lost. The writes themselves go through {@link RemoteMirror},
 * which records each in the caller's transaction to be pushed once that commits.
 */
@ApplicationScoped
public class GitStore {

    private static final Logger LOG = Logger.getLogger(GitStore.class);

    private final Blocking threads;
    private final GitConfig config;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitStore(Blocking threads, GitConfig config) {
        this.threads = threads;
        this.config = config;
    }

    /** Where the repository of {@code clientId} lives (a file URI). */
    public String location(String clientId) {
        return directory(clientId).toUri().toString();
    }

    public String defaultBranch() {
        return config.defaultBranch();
    }

    <T> Uni<T> blocking(Supplier<T> work) {
        return threads.run(work);
    }

    /** Runs {@code work} on the client's repository alone in this process. */
    <T> T exclusive(String clientId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(clientId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    Path directory(String clientId) {
        if (!ClientIds.valid(clientId)) {
            throw new IllegalArgumentException("not a client id: " + clientId);
        }
        return Path.of(config.root()).toAbsolutePath().normalize().resolve(clientId + ".git");
    }

    boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(Constants.HEAD));
    }

    /** Creates the bare repository in a scratch directory and renames it into place: a crash leaves no half repository. */
    Path ensureRepository(String clientId) {
        Path dir = directory(clientId);
        if (exists(dir)) {
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

    static Repository open(Path dir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    /** The commit {@code commitId} names in {@code repo}; an {@link UnknownCommitException} when there is none. */
    static RevCommit parse(Repository repo, RevWalk walk, String commitId) throws IOException {
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
        } catch (MissingObjectException | IncorrectObjectTypeException | RevisionSyntaxException e) {
            throw new UnknownCommitException("commit " + commitId + " does not exist in this repository");
        }
    }

    static PersonIdent ident(Author author) {
        return new PersonIdent(author.name(), author.email(), author.at(), ZoneOffset.UTC);
    }

    PersonIdent committer() {
        return new PersonIdent(config.committer().name(), config.committer().email(), Instant.now(), ZoneOffset.UTC);
    }
}
