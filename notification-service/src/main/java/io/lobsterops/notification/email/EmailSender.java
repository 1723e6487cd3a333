package io.lobsterops.notification.email;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.delivery.Claimed;
import io.lobsterops.notification.delivery.SendOutcome;
import io.lobsterops.notification.domain.Rendering;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * E-mail over SMTP through quarkus-mailer's client (HTML and text alternatives). The relay, its user and password
 * are quarkus-mailer's configuration ({@code quarkus.mailer.*}, the password from the service's Secret); the
 * receipt is the message id the relay accepted.
 */
@ApplicationScoped
public class EmailSender {

    private final MailClient mail;
    private final NotificationConfig config;

    public EmailSender(MailClient mail, NotificationConfig config) {
        this.mail = mail;
        this.config = config;
    }

    public SendOutcome send(Claimed delivery) {
        MailMessage message = new MailMessage()
                .setFrom(config.email().from())
                .setTo(List.of(delivery.address()))
                .setSubject("[LobsterOps] " + delivery.title())
                .setText(Rendering.plain(delivery.title(), delivery.body()))
                .setHtml(Rendering.html(delivery.title(), delivery.body()));
        try {
            MailResult result = mail.sendMail(message).await()
                    .atMost(config.delivery().sendTimeout().plus(Duration.ofSeconds(1)));
            return SendOutcome.sent("smtp accepted message-id " + result.getMessageID() + " for "
                    + String.join(",", result.getRecipients()), 1);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean permanent = reason.matches("(?s).*\\b5\\d\\d\\b.*");
            String error = "SMTP: " + firstLine(reason);
            return permanent ? SendOutcome.permanent(error, 0, null) : SendOutcome.retry(error, 0, null);
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
