package io.lobsterops.provisioning.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of hosts, SSH, OpenClaw installs and the secrets at rest. */
@ConfigMapping(prefix = "lobsterops.provisioning")
public interface ProvisioningConfig {

    Secrets secrets();

    Ssh ssh();

    Hosts hosts();

    Openclaw openclaw();

    Runs runs();

    Telegram telegram();

    Monitoring monitoring();

    /** monitoring-service's access to the hosts: its public key, installed restricted on every host. */
    interface Monitoring {

        /**
         * monitoring's OpenSSH public key (from its secret; dev/up generates the pair). Without it no host grants
         * monitoring anything and its probes cannot reach the gateways.
         */
        Optional<String> publicKey();
    }

    interface Secrets {
        /**
         * The AES-256 key (base64 of 32 bytes) that encrypts secrets at rest: SSH private keys, gateway tokens, model
         * API keys, bot tokens. From the {@code <service>-secrets} Secret in Kubernetes; a dev/test key locally.
         */
        Optional<String> key();
    }

    interface Ssh {
        @WithDefault("10s")
        Duration connectTimeout();

        /** Default limit of one remote command; long steps (npm install) state their own. */
        @WithDefault("60s")
        Duration commandTimeout();

        @WithDefault("30s")
        Duration keepAlive();
    }

    interface Hosts {
        /** Hosts below this memory are refused (issue 3: 2 GB). */
        @WithDefault("1900")
        long minMemoryMb();

        /** Hosts with less free disk in the login user's home are refused (issue 3: 10 GB). */
        @WithDefault("10240")
        long minFreeDiskMb();

        /**
         * Memory counted per gateway when placing one: a 2026.9 OpenClaw gateway holds 0.8–1 GB resident once ready,
         * so a host takes no more gateways than its memory holds, whatever its declared capacity.
         */
        @WithDefault("1024")
        long gatewayMemoryMb();

        /** Memory kept for the host itself (system, sshd, npm during an install) before gateways are counted. */
        @WithDefault("512")
        long reservedMemoryMb();
    }

    interface Openclaw {
        /** The exact openclaw npm version installed on hosts; dev/openclaw.sh reads the same property. */
        String version();

        /** The npm package providing Node >= 24.16 (openclaw's engines). */
        @WithDefault("node@24")
        String nodePackage();

        /** Where installs live, relative to the login user's home. */
        @WithDefault(".lobsterops")
        String installDir();

        /** The first gateway port on a host; further gateways are {@link #portSpacing()} apart. */
        @WithDefault("18789")
        int basePort();

        /** OpenClaw 2026.9 derives browser/CDP ports up to base+110: leave at least 120 between gateways. */
        @WithDefault("120")
        int portSpacing();

        @WithDefault("300s")
        Duration installTimeout();

        @WithDefault("120s")
        Duration onboardTimeout();

        /** How long a started gateway may take to answer {@code /readyz} 200. */
        @WithDefault("150s")
        Duration readyTimeout();

        /** Grace period between TERM and KILL when a gateway is stopped. */
        @WithDefault("10s")
        Duration stopGrace();
    }

    interface Runs {
        /** How often interrupted runs (host unreachable, service restarted) are retried. */
        @WithDefault("5s")
        Duration retryEvery();

        /** A run interrupted this many times in a row fails for good. */
        @WithDefault("60")
        int maxInterruptions();
    }

    interface Telegram {
        /**
         * The Bot API root the gateways' Telegram channel talks to ({@code channels.telegram.apiRoot}); unset, OpenClaw
         * uses Telegram's own. A self-hosted Bot API server, or the loopback one tests run.
         */
        Optional<java.net.URI> apiRoot();
    }
}
