package io.lobsterops.agentconfig.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import io.lobsterops.agentconfig.config.GitConfig;
import io.quarkus.runtime.Startup;

/**
 * The git server the clients' repositories are pushed to, over the file, SSH or HTTPS transport, with the credentials
 * of configuration. Checked when the service starts: an {@code ssh://} remote needs the service's private key and the
 * server's pinned host key, or the service does not start. Secrets stay in memory: never in a URL, a log line or a
 * problem's detail (URLs are shown with any password removed).
 */
@ApplicationScoped
@Startup
public class GitRemote {

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*):[^/@\\s]*@");

    private final Optional<String> template;
    private final int timeoutSeconds;
    private final String defaultBranch;
    private final PinnedHostKeys hostKeys;
    private final SshdSessionFactory sessions;
    private final Path sshHome;
    private final UsernamePasswordCredentialsProvider https;

    public GitRemote(GitConfig config) {
        GitConfig.Remote remote = config.remote();
        this.template = remote.url().map(String::strip).filter(url -> !url.isEmpty());
        this.timeoutSeconds = (int) Math.max(1, remote.timeout().toSeconds());
        this.defaultBranch = config.defaultBranch();
        this.https = remote.https().username().isPresent() || remote.https().token().isPresent()
                ? new UsernamePasswordCredentialsProvider(remote.https().username().orElse("git"),
                        remote.https().token().orElse(""))
                : null;
        if (template.isPresent() && scheme(template.get()).equals("ssh")) {
            ed25519Provider();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(GitRemote.class.getClassLoader());
            KeyPair identity;
            try {
                this.hostKeys = PinnedHostKeys.parse(text(remote.ssh().knownHosts(), remote.ssh().knownHostsFile(),
                        "lobsterops.git.remote.ssh.known-hosts(-file): an ssh:// remote needs the server's pinned "
                                + "host key"));
                identity = identity(text(remote.ssh().privateKey(), remote.ssh().privateKeyFile(),
                        "lobsterops.git.remote.ssh.private-key(-file): an ssh:// remote needs the service's private "
                                + "key"));
            } finally {
                thread.setContextClassLoader(previous);
            }
            try {
                // an empty home of its own: the machine's ~/.ssh (config, keys, known_hosts) is never read
                this.sshHome = Files.createTempDirectory("agent-config-ssh");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.sessions = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshHome.toFile())
                    .setSshDirectory(sshHome.resolve(".ssh").toFile())
                    .setPreferredAuthentications("publickey")
                    .setDefaultIdentities(dir -> List.of())
                    .setDefaultKeysProvider(dir -> List.of(identity))
                    .setServerKeyDatabase((home, dir) -> hostKeys)
                    .build(null);
        } else {
            this.hostKeys = null;
            this.sessions = null;
            this.sshHome = null;
        }
    }

    /**
     * MINA sshd takes Ed25519 from the JVM's security provider named "EdDSA" (net.i2p). Under Quarkus's test class
     * loaders that provider can be another loader's copy, whose key factory does not recognise the key specs of this
     * loader's copy ("key spec not recognised"): put this loader's in its place. With one class loader, as in a
     * packaged service, it is already the same one and nothing changes.
     */
    private static synchronized void ed25519Provider() {
        java.security.Provider named = java.security.Security.getProvider("EdDSA");
        if (named != null && named.getClass() == net.i2p.crypto.eddsa.EdDSASecurityProvider.class) {
            return;
        }
        if (named != null) {
            java.security.Security.removeProvider("EdDSA");
        }
        java.security.Security.addProvider(new net.i2p.crypto.eddsa.EdDSASecurityProvider());
    }

    @PreDestroy
    void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    public boolean configured() {
        return template.isPresent();
    }

    /** The client's repository on the server, password removed: what may be shown and logged. */
    public Optional<String> displayUrl(String clientId) {
        return url(clientId).map(GitRemote::redact);
    }

    /**
     * Pushes {@code specs} of {@code repo} to the client's repository on the server; does nothing without a remote.
     * A local target is created when missing. A failure says what went wrong in words an operator can act on.
     * Answers the refs the server had before the push (by name).
     */
    public Map<String, Ref> push(Repository repo, String clientId, List<RefSpec> specs) {
        Optional<String> configured = url(clientId);
        if (configured.isEmpty()) {
            return Map.of();
        }
        String url = configured.get();
        String shown = redact(url);
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new RemoteGitException(RemoteGitException.Kind.REFUSED, "the remote URL of client " + clientId
                    + " is not a git URL: " + shown);
        }
        String scheme = scheme(url);
        if (scheme.equals("file")) {
            url = ensureLocal(Path.of(uri.getPath())).toUri().toString();
        }
        try (Git git = Git.wrap(repo)) {
            var push = git.push().setRemote(url).setRefSpecs(specs).setTimeout(timeoutSeconds);
            if (sessions != null) {
                push.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport ssh) {
                        ssh.setSshSessionFactory(sessions);
                    }
                });
            }
            if (https != null) {
                push.setCredentialsProvider(https);
            }
            List<String> refused = new ArrayList<>();
            Map<String, Ref> advertised = new HashMap<>();
            for (PushResult result : push.call()) {
                result.getAdvertisedRefs().forEach(ref -> advertised.put(ref.getName(), ref));
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    switch (update.getStatus()) {
                        case OK, UP_TO_DATE, NON_EXISTING -> {
                        }
                        default -> refused.add(update.getRemoteName() + " " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                    }
                }
            }
            if (!refused.isEmpty()) {
                throw new RemoteGitException(RemoteGitException.Kind.REFUSED, shown + " refused "
                        + String.join(", ", refused));
            }
            return advertised;
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof RemoteGitException known) {
                throw known;
            }
            throw explain(e, uri, shown);
        }
    }

    private RemoteGitException explain(Exception e, URIish uri, String shown) {
        if (hostKeys != null) {
            Optional<String> refused = hostKeys.takeRefusal(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 22);
            if (refused.isPresent()) {
                return new RemoteGitException(RemoteGitException.Kind.HOST_KEY_REJECTED, "the git server "
                        + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " presented the host key "
                        + refused.get() + ", which is not the pinned one: nothing was pushed to " + shown);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
                return new RemoteGitException(RemoteGitException.Kind.UNREACHABLE, "the git server of " + shown
                        + " cannot be reached (" + redact(String.valueOf(cause.getMessage())) + ")");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = redact(String.valueOf(e.getMessage()));
        if (root != e && root.getMessage() != null && !why.contains(root.getMessage())) {
            why += " (" + redact(root.getMessage()) + ")";
        }
        boolean connection = why.toLowerCase(java.util.Locale.ROOT).matches(
                ".*(connection refused|connection reset|timed out|closed|unreachable|no route|cannot open|eof).*");
        return new RemoteGitException(connection ? RemoteGitException.Kind.UNREACHABLE : RemoteGitException.Kind.REFUSED,
                "the push to " + shown + " failed: " + why);
    }

    private Optional<String> url(String clientId) {
        return template.map(t -> t.replace("{client}", clientId));
    }

    private Path ensureLocal(Path path) {
        Path remote = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(remote.resolve(Constants.HEAD))) {
            try {
                Files.createDirectories(remote.getParent());
                createBare(remote, defaultBranch);
            } catch (IOException e) {
                throw new RemoteGitException(RemoteGitException.Kind.REFUSED, "cannot create the remote repository "
                        + remote + ": " + e.getMessage());
            }
        }
        return remote;
    }

    /** Creates an empty bare repository at {@code dir} whose HEAD names {@code branch}. */
    static void createBare(Path dir, String branch) throws IOException {
        try (Repository created = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
            created.create(true);
            RefUpdate head = created.getRefDatabase().newUpdate(Constants.HEAD, false);
            head.disableRefLog();
            head.link(Constants.R_HEADS + branch);
        }
    }

    static String scheme(String url) {
        if (url.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            return url.substring(0, url.indexOf("://")).toLowerCase(java.util.Locale.ROOT);
        }
        // scp-like user@host:path is SSH; anything else is a local path
        return url.matches("^[^/:@\\s]+@[^/:\\s]+:.*") ? "ssh" : "file";
    }

    static String redact(String text) {
        return URL_PASSWORD.matcher(text).replaceAll("$1:***@");
    }

    private static String text(Optional<String> inline, Optional<Path> file, String missing) {
        if (inline.isPresent() && !inline.get().isBlank()) {
            return inline.get();
        }
        if (file.isPresent()) {
            try {
                return Files.readString(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file.get() + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException(missing);
    }

    private static KeyPair identity(String key) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName("lobsterops.git.remote.ssh.private-key"),
                    new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)), FilePasswordProvider.EMPTY);
            if (pairs != null) {
                for (KeyPair pair : pairs) {
                    return pair;
                }
            }
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            // the parser's message may quote the key: say only what kind of failure it was
            throw new IllegalStateException("lobsterops.git.remote.ssh.private-key is not a readable unencrypted "
                    + "OpenSSH or PEM private key (" + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalStateException("lobsterops.git.remote.ssh.private-key holds no private key");
    }
}
