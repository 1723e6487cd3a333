package io.lobsterops.notification.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TelegramPacerTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aChatGetsOneSendPerIntervalAndIsToldHowLongToWait() {
        TelegramPacer pacer = new TelegramPacer(Duration.ofSeconds(1), 30);
        assertEquals(Duration.ZERO, pacer.reserve("-1", 0));
        assertEquals(Duration.ofMillis(600), pacer.reserve("-1", 400_000_000L));
        assertEquals(Duration.ZERO, pacer.reserve("-2", 400_000_000L));
        assertEquals(Duration.ZERO, pacer.reserve("-1", SECOND));
    }

    @Test
    void allChatsTogetherStayUnderTheGlobalRate() {
        TelegramPacer pacer = new TelegramPacer(Duration.ZERO, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, pacer.reserve("chat" + i, SECOND + i));
        }
        Duration wait = pacer.reserve("chat9", SECOND + 100_000_000L);
        assertTrue(wait.compareTo(Duration.ofMillis(900)) == 0, wait.toString());
        assertEquals(Duration.ZERO, pacer.reserve("chat9", 2 * SECOND));
    }
}
