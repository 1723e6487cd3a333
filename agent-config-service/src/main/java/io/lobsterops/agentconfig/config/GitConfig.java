package io.lobsterops.agentconfig.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the clients' git repositories live and who commits on the service's behalf. */
@ConfigMapping(prefix = "lobsterops.git")
public interface GitConfig {

    /** Directory holding one bare repository per client, {@code <client-id>.git}; relative to the working directory. */
    @WithDefault(".dev/git")
    String root();

    /** The branch every repository starts with and releases are merged into. */
    @WithDefault("main")
    String defaultBranch();

    Committer committer();

    Remote remote();

    /**
     * A git server every change is pushed to, besides the local repository (the local repository stays the record):
     * after the change's transaction commits, by the push job, which retries a failed push with backoff; at once by
     * {@code POST /engagements/{id}/repository/sync} (ADR 0063).
     */
    interface Remote {

        /**
         * The client repository's URL on the server, {@code {client}} standing for the client id: a local path or a
         * {@code file://} URL (created when missing), {@code ssh://user@host:port/path/{client}.git} or
         * {@code https://host/path/{client}.git} on a server that already holds the repository. Unset: no push.
         */
        Optional<String> url();

        /** How long connecting to the server and each of its answers may take. */
        @WithDefault("20s")
        Duration timeout();

        Ssh ssh();

        Https https();

        Push push();
    }

    /** The push job: how it retries while the server is down, how many repositories it pushes at once. */
    interface Push {

        /** The wait after a first failed push; doubled after each further failure, up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("2m")
        Duration maxBackoff();

        /** Repositories pushed side by side. */
        @WithDefault("4")
        int concurrency();

        /** How often the job looks for pushes that are due (a retry); a committed change wakes it at once. */
        @WithDefault("2s")
        Duration sweepInterval();
    }

    /**
     * The service's own SSH identity and the server's pinned host key. There is no "accept any host key": an
     * {@code ssh://} remote without a known host key does not start, and a server presenting another key is refused.
     */
    interface Ssh {

        /** The OpenSSH private key file of the service (mode 600), e.g. a mounted Kubernetes Secret. */
        @WithName("private-key-file")
        Optional<Path> privateKeyFile();

        /** The private key itself (OpenSSH or PEM text), e.g. from an environment variable; never logged. */
        @WithName("private-key")
        Optional<String> privateKey();

        /** A known_hosts file pinning the server's host key ({@code [host]:port type base64} lines). */
        @WithName("known-hosts-file")
        Optional<Path> knownHostsFile();

        /** known_hosts lines given inline (several separated by new lines). */
        @WithName("known-hosts")
        Optional<String> knownHosts();
    }

    /** HTTPS basic credentials: a user name and an access token (the token is never logged). */
    interface Https {

        Optional<String> username();

        Optional<String> token();
    }

    /** The committer of every commit (the author is the person who made the change). */
    interface Committer {

        @WithDefault("LobsterOps agent-config-service")
        String name();

        @WithDefault("agent-config-service@lobsterops.local")
        String email();
    }
}
