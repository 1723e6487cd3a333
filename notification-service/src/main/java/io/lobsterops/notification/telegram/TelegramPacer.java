package io.lobsterops.notification.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lobsterops.notification.config.NotificationConfig;

/**
 * Keeps this instance within Telegram's limits before Telegram has to say 429: at most
 * {@code telegram.global-per-second} sends a second in all, and one send per chat every
 * {@code telegram.per-chat-interval}. A send that would exceed either is told how long to wait; the worker puts the
 * delivery back in the queue for that long without counting a try. (Per instance: replicas each keep their own
 * pace, and Telegram's 429 {@code retry_after} remains the last word.)
 */
@ApplicationScoped
public class TelegramPacer {

    private final long perChatNanos;
    private final int perSecond;
    private final Map<String, Long> nextPerChat = new ConcurrentHashMap<>();
    private long windowStart;
    private int inWindow;

    @Inject
    public TelegramPacer(NotificationConfig config) {
        this(config.telegram().perChatInterval(), config.telegram().globalPerSecond());
    }

    TelegramPacer(Duration perChat, int perSecond) {
        this.perChatNanos = perChat.toNanos();
        this.perSecond = Math.max(1, perSecond);
    }

    /** Books a send to {@code chat} now and answers zero, or answers how long to wait (nothing booked). */
    public Duration reserve(String chat) {
        return reserve(chat, System.nanoTime());
    }

    synchronized Duration reserve(String chat, long now) {
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= perSecond) {
            return Duration.ofNanos(1_000_000_000L - (now - windowStart));
        }
        Long next = nextPerChat.get(chat);
        if (perChatNanos > 0 && next != null && next - now > 0) {
            return Duration.ofNanos(next - now);
        }
        inWindow++;
        if (perChatNanos > 0) {
            nextPerChat.put(chat, now + perChatNanos);
            if (nextPerChat.size() > 10_000) {
                nextPerChat.values().removeIf(at -> at - now < 0);
            }
        }
        return Duration.ZERO;
    }
}
