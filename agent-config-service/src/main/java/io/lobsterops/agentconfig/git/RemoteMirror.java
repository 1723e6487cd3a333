package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

import io.lobsterops.agentconfig.domain.PendingPush;
import io.lobsterops.agentconfig.persistence.PendingPushRepository;
import io.smallrye.mutiny.Uni;

/**
 * The remote copy of each client's repository, pushed after the change commits (ADR 0063). Every write to a
 * repository goes through {@link #write(String, Supplier)}: alone on that repository, local work only, then a
 * {@code pending_push} row in the caller's transaction. The push job ({@code service.PushJob}) pushes once that
 * transaction committed and retries with backoff while the server is down; {@link #sync(String)} pushes at once. The
 * local repository is the record: a failed push undoes nothing, and no database transaction waits for the server.
 */
@ApplicationScoped
public class RemoteMirror {

    static final String PROPOSALS = Constants.R_HEADS + "proposals/";

    private final GitStore store;
    private final GitRemote remote;
    private final PendingPushRepository pending;
    private final Map<String, Instant> lastPushes = new ConcurrentHashMap<>();

    public RemoteMirror(GitStore store, GitRemote remote, PendingPushRepository pending) {
        this.store = store;
        this.remote = remote;
        this.pending = pending;
    }

    public boolean configured() {
        return remote.configured();
    }

    /**
     * Where the client's repository is pushed and whether it waits for a push ({@code owed}: its pending row, null
     * when none); empty without a remote.
     */
    public Optional<RemoteState> remoteState(String clientId, PendingPush owed) {
        Instant last = lastPushes.get(clientId);
        return remote.displayUrl(clientId).map(url -> owed == null ? RemoteState.pushed(url, last)
                : RemoteState.pending(url, last, owed.requestedAt, owed.attempts, owed.lastError,
                        owed.nextAttemptAt));
    }

    /**
     * Pushes the client's branches and tags to the remote now: what an earlier failed push left behind goes out.
     * Fails with a {@link RemoteGitException} saying why when the server cannot be reached or refuses.
     */
    public Uni<Void> sync(String clientId) {
        return store.blocking(() -> {
            if (!store.exists(store.directory(clientId))) {
                throw new IllegalStateException("the repository of client " + clientId + " is missing");
            }
            pushNow(clientId);
            return null;
        });
    }

    /**
     * Runs a write on the client's repository alone, then records in the caller's transaction (or one of its own)
     * that the repository is to be pushed. Recorded whether or not the write changed anything: a retry of a write whose
     * transaction rolled back finds nothing to commit, and its first attempt's commit must still go out.
     */
    <T> Uni<T> write(String clientId, Supplier<T> work) {
        Uni<T> written = store.blocking(() -> store.exclusive(clientId, work));
        return remote.configured() ? written.call(() -> pending.request(clientId)) : written;
    }

    /**
     * Pushes the default branch and tags (never forced) and the proposal branches (forced: an orphan branch is started
     * again from main, see {@link GitProposals#propose}), then deletes on the server the proposal branches this
     * repository no longer has (discarded ones). What the remote already has is not sent again. Blocks: called on a
     * worker or virtual thread, alone on the client's repository in this process.
     */
    public void pushNow(String clientId) {
        store.exclusive(clientId, () -> {
            if (!remote.configured()) {
                return null;
            }
            String main = Constants.R_HEADS + store.defaultBranch();
            try (Repository repo = GitStore.open(store.directory(clientId))) {
                Map<String, Ref> advertised = remote.push(repo, clientId, List.of(new RefSpec(main + ":" + main),
                        new RefSpec("+" + PROPOSALS + "*:" + PROPOSALS + "*"),
                        new RefSpec("refs/tags/*:refs/tags/*")));
                List<RefSpec> discarded = new ArrayList<>();
                for (String ref : advertised.keySet()) {
                    if (ref.startsWith(PROPOSALS) && repo.exactRef(ref) == null) {
                        discarded.add(new RefSpec(":" + ref));
                    }
                }
                if (!discarded.isEmpty()) {
                    remote.push(repo, clientId, discarded);
                }
                lastPushes.put(clientId, Instant.now());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the repository of " + clientId, e);
            }
        });
    }
}
