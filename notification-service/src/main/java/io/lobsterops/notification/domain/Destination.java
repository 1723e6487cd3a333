package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/**
 * Where messages can go: a Telegram chat, an e-mail address, a Slack incoming webhook. A staff destination has no
 * client; one with an {@code onDutyRank} is on the on-duty list (1 first). A client's destination is bound to its
 * client id and only ever receives that client's messages. The secret (bot token, webhook URL) is sealed.
 */
@Entity
@Table(name = "destination")
public class Destination {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "client_id")
    public String clientId;

    public String person;

    /** Telegram chat id or e-mail address. */
    public String address;

    @Column(name = "secret_sealed")
    public String secretSealed;

    @Column(name = "on_duty_rank")
    public Integer onDutyRank;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /**
     * What is stated of a destination (blank texts already absent). {@code secret} in clear, only to be checked: the
     * service seals it with the destination's id ({@link #secretSealed(String)}).
     */
    public record Settings(String name, Channel channel, String clientId, String person, String address,
            Integer onDutyRank, boolean enabled, String secret) {
    }

    public static Destination created(Settings settings, String by, Instant at) {
        Destination destination = new Destination();
        destination.id = UUID.randomUUID();
        destination.createdAt = at;
        destination.createdBy = by;
        destination.apply(settings, true);
        return destination;
    }

    /** Replaces the settings; the client never changes (409), and an absent secret keeps the current one. */
    public void changed(Settings settings) {
        if (!Objects.equals(settings.clientId(), clientId)) {
            throw ProblemException.conflict("A destination stays bound to its client; create another destination for "
                    + "another client.");
        }
        apply(settings, false);
    }

    /** The stated secret, sealed with this destination's id. */
    public void secretSealed(String sealed) {
        secretSealed = sealed;
    }

    private void apply(Settings settings, boolean creating) {
        boolean channelChanged = !creating && channel != settings.channel();
        if (channelChanged) {
            secretSealed = null;   // a secret of one channel means nothing on another
        }
        name = settings.name();
        channel = settings.channel();
        clientId = settings.clientId();
        person = settings.person();
        address = settings.address();
        onDutyRank = settings.onDutyRank();
        enabled = settings.enabled();
        if (clientId != null && onDutyRank != null) {
            throw invalid("onDutyRank: only a staff destination (no clientId) is on the on-duty list");
        }
        String secret = settings.secret();
        switch (channel) {
            case TELEGRAM -> {
                if (address == null || !address.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
                    throw invalid("address: a Telegram chat id (digits, negative for a group) or @channelname");
                }
                if (secret != null && !secret.matches("\\d{3,20}:[A-Za-z0-9_-]{20,100}")) {
                    throw invalid("secret: not a Telegram bot token");
                }
            }
            case EMAIL -> {
                if (address == null || !address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
                    throw invalid("address: an e-mail address");
                }
                if (secret != null) {
                    throw invalid("secret: an e-mail destination has none (the SMTP relay is configuration)");
                }
            }
            case SLACK -> {
                if ((creating || channelChanged) && secret == null) {
                    throw invalid("secret: the Slack incoming-webhook URL is required");
                }
                if (secret != null && !secret.matches("https?://[^\\s]+")) {
                    throw invalid("secret: the Slack incoming-webhook URL (http or https)");
                }
                if (address != null) {
                    throw invalid("address: a Slack destination has none (the webhook URL is its secret)");
                }
            }
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
