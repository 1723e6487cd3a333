package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The remote copy of each client's repository. Every write to a repository goes through {@link #write(String,
 * Supplier)}: alone on that repository, then its branches and tags are pushed to the configured {@link GitRemote}. A
 * failed push does not undo the local write (the local repository is the record), it is remembered and retried by the
 * next write or by {@link #sync(String)}.
 */
@ApplicationScoped
public class RemoteMirror {

    private static final Logger LOG = Logger.getLogger(RemoteMirror.class);

    private final GitStore store;
    private final GitRemote remote;
    private final Map<String, RemoteState> pushes = new ConcurrentHashMap<>();

    public RemoteMirror(GitStore store, GitRemote remote) {
        this.store = store;
        this.remote = remote;
    }

    /**
     * Where the client's repository is pushed and how the last push in this process went; empty without a remote.
     */
    public Optional<RemoteState> remoteState(String clientId) {
        return remote.displayUrl(clientId).map(url -> pushes.getOrDefault(clientId, RemoteState.unknown(url)));
    }

    /**
     * Pushes the client's branches and tags to the remote now: what an earlier failed push left behind goes out.
     * Fails with a {@link RemoteGitException} saying why when the server cannot be reached or refuses.
     */
    public Uni<RemoteState> sync(String clientId) {
        return store.blocking(() -> store.exclusive(clientId, () -> {
            if (!store.exists(store.directory(clientId))) {
                throw new IllegalStateException("the repository of client " + clientId + " is missing");
            }
            return push(clientId);
        }));
    }

    /** Runs a write on the client's repository alone, then pushes its branches and tags to the remote if any. */
    <T> Uni<T> write(String clientId, Supplier<T> work) {
        return store.blocking(() -> store.exclusive(clientId, () -> {
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
        }));
    }

    /** Deletes {@code ref} on the remote (a discarded proposal branch); {@code repo} is the client's. */
    void delete(Repository repo, String clientId, String ref) {
        remote.push(repo, clientId, List.of(new RefSpec(":" + ref)));
    }

    /**
     * Pushes the default branch and tags (never forced) and the proposal branches (forced: an orphan branch is
     * started again from main, see {@link GitProposals#propose}) to the remote. Idempotent: what the remote already
     * has is not sent again. The outcome is remembered for {@link #remoteState(String)}.
     */
    private RemoteState push(String clientId) {
        String url = remote.displayUrl(clientId).orElse(null);
        if (url == null) {
            return null;
        }
        String main = Constants.R_HEADS + store.defaultBranch();
        try (Repository repo = GitStore.open(store.directory(clientId))) {
            remote.push(repo, clientId, List.of(new RefSpec(main + ":" + main),
                    new RefSpec("+refs/heads/proposals/*:refs/heads/proposals/*"),
                    new RefSpec("refs/tags/*:refs/tags/*")));
            RemoteState state = RemoteState.pushed(url, Instant.now());
            pushes.put(clientId, state);
            return state;
        } catch (RemoteGitException e) {
            pushes.put(clientId, RemoteState.failed(url, Instant.now(), e));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the repository of " + clientId, e);
        }
    }
}
