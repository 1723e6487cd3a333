package io.lobsterops.agentconfig.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Proposals and releases: a proposal is a commit on its own branch started at the default branch's head; its
 * approval brings it into the default branch and tags {@code release-N}; a proposal whose transaction did not commit
 * has its branch discarded.
 */
@ApplicationScoped
public class GitProposals {

    private static final Logger LOG = Logger.getLogger(GitProposals.class);

    private final GitStore store;
    private final RemoteMirror mirror;
    private final GitCommits commits;

    public GitProposals(GitStore store, RemoteMirror mirror, GitCommits commits) {
        this.store = store;
        this.mirror = mirror;
        this.commits = commits;
    }

    /**
     * Commits {@code files} on a new branch started at the default branch's head: the proposal's own line of history,
     * which approval merges back.
     */
    public Uni<Proposed> propose(String clientId, String branch, Map<String, String> files, Author author,
            String message) {
        return mirror.write(clientId, () -> {
            String main = store.defaultBranch();
            try (Repository repo = GitStore.open(store.ensureRepository(clientId)); RevWalk walk = new RevWalk(repo)) {
                ObjectId base = repo.resolve(Constants.R_HEADS + main);
                Ref existing = repo.exactRef(Constants.R_HEADS + branch);
                if (existing != null) {
                    // the caller holds the repository lock and knows no proposal on this branch: what is there is
                    // an orphan of a transaction that did not commit (a crash before its compensation ran)
                    LOG.warnf("branch %s of client %s held orphan commit %s: started again from %s", branch,
                            clientId, existing.getObjectId().name(), main);
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
                    GitCommits.moveRef(repo, walk, Constants.R_HEADS + branch, null, base, "branch: from " + main);
                }
                ObjectId commit = commits.commit(repo, branch, files, author, message);
                return new Proposed(base == null ? null : base.name(), commit.name());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot propose on the repository of " + clientId, e);
            }
        });
    }

    /**
     * Removes {@code branch} if it still points at {@code commit}: the compensation of a proposal whose database
     * transaction did not commit. Anything else on the branch is left alone. The branch never reached the remote
     * through this write (pushes follow commits, ADR 0063); had a push of another change taken it along meanwhile,
     * the next push deletes it there.
     */
    public Uni<Boolean> discardBranch(String clientId, String branch, String commit) {
        return mirror.write(clientId, () -> {
            String ref = Constants.R_HEADS + branch;
            try (Repository repo = GitStore.open(store.directory(clientId)); RevWalk walk = new RevWalk(repo)) {
                Ref current = repo.exactRef(ref);
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
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot discard " + branch + " of " + clientId, e);
            }
        });
    }

    /**
     * Brings {@code proposal} into the default branch (fast-forward when the branch has not moved since, otherwise a
     * merge commit whose tree is the branch's with the proposal's files laid over it) and tags the result
     * {@code release-N}, N one more than the highest release of the repository. The approver is the tagger.
     */
    public Uni<Release> release(String clientId, String proposalCommit, Author approver, String message) {
        return mirror.write(clientId, () -> {
            String ref = Constants.R_HEADS + store.defaultBranch();
            try (Repository repo = GitStore.open(store.directory(clientId));
                    ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                RevCommit proposal = GitStore.parse(repo, walk, proposalCommit);
                ObjectId head = repo.resolve(ref);
                Optional<Release> earlier = earlierRelease(repo, walk, head, proposal);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                RevCommit released;
                if (head == null || walk.isMergedInto(walk.parseCommit(head), proposal)) {
                    GitCommits.moveRef(repo, walk, ref, head, proposal, "merge: fast-forward");
                    released = proposal;
                } else {
                    RevCommit main = walk.parseCommit(head);
                    ObjectId id = inserter.insert(merge(repo, walk, inserter, main, proposal, approver, message));
                    inserter.flush();
                    GitCommits.moveRef(repo, walk, ref, head, id, message);
                    released = walk.parseCommit(id);
                }
                int next = repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + "release-").stream()
                        .map(r -> r.getName().substring((Constants.R_TAGS + "release-").length()))
                        .filter(n -> n.matches("\\d{1,9}")).mapToInt(Integer::parseInt).max().orElse(0) + 1;
                String tag = "release-" + next;
                TagBuilder annotated = new TagBuilder();
                annotated.setTag(tag);
                annotated.setObjectId(released);
                annotated.setTagger(GitStore.ident(approver));
                annotated.setMessage(message + "\n");
                ObjectId tagId = inserter.insert(annotated);
                inserter.flush();
                GitCommits.moveRef(repo, walk, Constants.R_TAGS + tag, null, tagId, "tag: " + tag);
                return new Release(released.name(), tag);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release on the repository of " + clientId, e);
            }
        });
    }

    /** The merge commit of {@code proposal} into {@code main}: main's tree with the proposal's files but the README. */
    private CommitBuilder merge(Repository repo, RevWalk walk, ObjectInserter inserter, RevCommit main,
            RevCommit proposal, Author approver, String message) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), main.getTree());
        builder.finish();
        DirCacheEditor editor = index.editor();
        try (TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(proposal.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getPathString().equals("README.md")) {
                    continue;
                }
                editor.add(GitCommits.put(tree.getPathString(), tree.getObjectId(0)));
            }
        }
        editor.finish();
        CommitBuilder merge = new CommitBuilder();
        merge.setTreeId(index.writeTree(inserter));
        merge.setParentIds(main, proposal);
        merge.setAuthor(GitStore.ident(approver));
        merge.setCommitter(store.committer());
        merge.setMessage(message + "\n");
        return merge;
    }

    /**
     * The release an earlier attempt already made of {@code proposal} (the branch head is the proposal or its merge,
     * and a release tag names it): a retried approval whose database transaction failed gets the same tag back.
     */
    private static Optional<Release> earlierRelease(Repository repo, RevWalk walk, ObjectId head, RevCommit proposal)
            throws IOException {
        if (head == null) {
            return Optional.empty();
        }
        RevCommit main = walk.parseCommit(head);
        boolean released = main.equals(proposal)
                || main.getParentCount() == 2 && main.getParent(1).equals(proposal);
        if (!released) {
            return Optional.empty();
        }
        for (Ref tag : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + "release-")) {
            Ref peeled = repo.getRefDatabase().peel(tag);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            if (main.equals(target)) {
                return Optional.of(new Release(main.name(), tag.getName().substring(Constants.R_TAGS.length())));
            }
        }
        return Optional.empty();
    }
}
