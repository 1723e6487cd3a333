package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

class SilenceTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static Silence silence(Instant startsAt, Instant endsAt) {
        return Silence.requested("acme", UUID.randomUUID(), "upgrade", startsAt, endsAt, "ops", NOW);
    }

    @Test
    void aSilenceWithoutStartStartsNow() {
        assertEquals(NOW, silence(null, NOW.plusSeconds(60)).startsAt);
    }

    @Test
    void aSilenceEndingBeforeItStartsIsRefused() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> silence(NOW.plusSeconds(60), NOW.plusSeconds(60)));
        assertEquals(ProblemType.VALIDATION, refused.type());
        assertEquals("endsAt: must be after startsAt", refused.getMessage());
    }

    @Test
    void aSilenceAlreadyOverIsRefused() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> silence(NOW.minusSeconds(120), NOW.minusSeconds(60)));
        assertEquals(ProblemType.VALIDATION, refused.type());
        assertEquals("endsAt: must be in the future", refused.getMessage());
    }

    @Test
    void endingARunningSilenceEndsItNow() {
        Silence running = silence(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        running.ended(NOW);
        assertEquals(NOW, running.endsAt);
    }

    @Test
    void endingASilenceNotStartedEndsItJustAfterItsStart() {
        Silence later = silence(NOW.plusSeconds(60), NOW.plusSeconds(3600));
        later.ended(NOW);
        assertEquals(NOW.plusSeconds(60).plusNanos(1000), later.endsAt);
    }

    @Test
    void endingASilenceThatIsOverKeepsItsEnd() {
        Silence over = silence(NOW.minusSeconds(60), NOW.plusSeconds(30));
        over.ended(NOW.plusSeconds(3600));
        assertEquals(NOW.plusSeconds(30), over.endsAt);
    }

    @Test
    void aMaintenanceSilenceHoldsTheWindow() {
        MaintenanceWindow window = MaintenanceWindow.planned(UUID.randomUUID(), "acme", NOW.plusSeconds(60),
                NOW.plusSeconds(3600), "disk swap", "ops", NOW);
        Silence silence = Silence.during(window);
        assertEquals(window.silenceId, silence.id);
        assertEquals("planned maintenance: disk swap", silence.reason);
        assertEquals(window.startsAt, silence.startsAt);
        assertEquals(window.endsAt, silence.endsAt);
    }

    @Test
    void aMaintenanceThatIsOverCannotBeCancelled() {
        MaintenanceWindow window = MaintenanceWindow.planned(UUID.randomUUID(), "acme", NOW.plusSeconds(60),
                NOW.plusSeconds(3600), "disk swap", "ops", NOW);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> window.cancelled("ops", NOW.plusSeconds(3600)));
        assertEquals(ProblemType.CONFLICT, refused.type());
        window.cancelled("ops", NOW);
        assertEquals(NOW, window.cancelledAt);
        assertEquals("ops", window.cancelledBy);
    }
}
