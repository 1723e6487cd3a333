package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
