package io.lobsterops.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service settings: secrets, channels, the delivery queue, paging, grouping and the digest. */
@ConfigMapping(prefix = "lobsterops.notification")
public interface NotificationConfig {

    Secrets secrets();

    Telegram telegram();

    Email email();

    Delivery delivery();

    Paging paging();

    Grouping grouping();

    Digest digest();

    Maintenance maintenance();

    interface Secrets {

        /** AES-256 key (base64 of 32 bytes) sealing destination secrets at rest. */
        Optional<String> key();
    }

    interface Telegram {

        /** The Bot API root; tests point it at a loopback server. */
        @WithDefault("https://api.telegram.org")
        String apiRoot();

        /** The agency's bot, used by a Telegram destination without a token of its own and to answer button presses. */
        Optional<String> botToken();

        /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token on every webhook call; without it the webhook refuses all. */
        Optional<String> webhookSecret();

        /** Telegram's limit per message; longer texts are split on line boundaries. */
        @WithDefault("4096")
        int maxMessageLength();

        /** Sends per second to all chats together (Telegram: about 30). */
        @WithDefault("25")
        int globalPerSecond();

        /** Minimum time between two sends to one chat (Telegram: about one per second, 20 per minute in a group). */
        @WithDefault("1s")
        Duration perChatInterval();
    }

    interface Email {

        /** The sender of every e-mail; the SMTP relay itself is quarkus-mailer's configuration. */
        @WithDefault("LobsterOps <notifications@lobsterops.local>")
        String from();
    }

    interface Delivery {

        /** Tries before a delivery is dead (the last error is kept). */
        @WithDefault("6")
        int maxAttempts();

        /** First retry delay; doubled on each try, with +-50 % jitter, up to {@link #backoffMax()}. */
        @WithDefault("2s")
        Duration backoffBase();

        @WithDefault("10m")
        Duration backoffMax();

        /** How long a claimed delivery belongs to its worker; past it, another instance recovers it. */
        @WithDefault("60s")
        Duration lease();

        /** Deliveries claimed per round trip. */
        @WithDefault("50")
        int batchSize();

        /** How often the queue is swept (leases that lapsed, pages due, a missed wake-up). */
        @WithDefault("1s")
        Duration sweep();

        /** Timeout of one call to a channel. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Paging {

        /** A P0 is paged again every interval until acknowledged. */
        @WithDefault("5m")
        Duration interval();

        /** After this many pages, the next person on the on-duty list is paged too. */
        @WithDefault("3")
        int pagesBeforeNext();

        /**
         * When the on-duty list changes, the open staff messages that reached nobody are sent to it: every
         * unacknowledged P0, and the P1 of this last stretch of time (older ones stay in the cockpit and the digest).
         */
        @WithDefault("24h")
        Duration catchUp();
    }

    interface Grouping {

        /** A group (one message per engagement and rule) without an update for this long is closed. */
        @WithDefault("30m")
        Duration quietWindow();
    }

    interface Digest {

        /** Local time of the morning digest. */
        @WithDefault("07:30")
        LocalTime at();

        @WithDefault("UTC")
        ZoneId zone();

        /** Off in tests: the digest runs through POST /digest/run there. */
        @WithDefault("true")
        boolean scheduled();
    }

    interface Maintenance {

        /** The longest planned maintenance window a supervisor may announce. */
        @WithDefault("14d")
        Duration maxLength();

        /** How far ahead a maintenance may be planned. */
        @WithDefault("365d")
        Duration maxAhead();
    }
}
