package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", LineDiff.unified("a", "x\ny\n", "b", "x\ny\n"));
    }

    @Test
    void aChangedLineIsOneHunkWithThreeLinesOfContext() {
        String before = numbered(1, 10);
        String after = before.replace("line 5\n", "line five, rewritten by the agent\n");
        assertEquals("""
                --- release-3/SOUL.md
                +++ host/SOUL.md
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five, rewritten by the agent
                 line 6
                 line 7
                 line 8
                """, LineDiff.unified("release-3/SOUL.md", before, "host/SOUL.md", after));
    }

    @Test
    void changesFarApartAreSeparateHunksAndAddedOrRemovedLinesAreCounted() {
        String before = numbered(1, 30);
        String after = before.replace("line 2\n", "").replace("line 28\n", "line 28\nan added line\n");
        String diff = LineDiff.unified("a", before, "b", after);
        assertTrue(diff.contains("@@ -1,5 +1,4 @@\n line 1\n-line 2\n line 3\n"), diff);
        assertTrue(diff.contains("@@ -26,5 +25,6 @@\n line 26\n line 27\n line 28\n+an added line\n line 29\n line 30\n"), diff);
        assertTrue(diff.contains(" line 28\n+an added line\n line 29\n"), diff);
    }

    @Test
    void aWipedFileShowsEveryReleasedLineRemovedAndALongDiffIsCut() {
        String diff = LineDiff.unified("a", numbered(1, 500), "b", "");
        assertTrue(diff.startsWith("--- a\n+++ b\n@@ -1,500 +0,0 @@\n-line 1\n"), diff.substring(0, 60));
        assertTrue(diff.endsWith("… (diff cut after 200 lines)\n"));
        assertEquals(201, diff.lines().count());
    }

    static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
