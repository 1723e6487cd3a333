package io.lobsterops.agentconfig.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** A git server every change is pushed to, besides the local repository. */
    interface Remote {

        /**
         * The client repository's URL on the server, {@code {client}} standing for the client id: a local path or a
         * {@code file://} URL (created when missing), or a server URL whose repository the server already holds.
         * Unset: no push.
         */
        java.util.Optional<String> url();
    }

    /** The committer of every commit (the author is the person who made the change). */
    interface Committer {

        @WithDefault("LobsterOps agent-config-service")
        String name();

        @WithDefault("agent-config-service@lobsterops.local")
        String email();
    }
}
