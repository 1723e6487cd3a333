package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RenderingTest {

    @Test
    void telegramTextEscapesEveryReservedCharacterAndKeepsBoldAndCode() {
        String body = "**" + Markdown.escape("Acme (EU) #1 - v2.0!") + "** on `gw_1`\n> " + Markdown.escape("a_b");
        String text = Rendering.telegram("[P0] acme: down.", body);
        assertEquals("*\\[P0\\] acme: down\\.*\n\n*Acme \\(EU\\) \\#1 \\- v2\\.0\\!* on `gw_1`\n\\> a\\_b", text);
    }

    @Test
    void htmlAndPlainTextCarryNoMarkupFromTheEvent() {
        String body = "**" + Markdown.escape("<script>x</script>") + "**\n";
        assertEquals("<!DOCTYPE html><html><body><h2>T &amp; C</h2>\n<p><strong>&lt;script&gt;x&lt;/script&gt;"
                + "</strong><br>\n</p></body></html>\n", Rendering.html("T & C", body));
        assertEquals("T & C\n\n<script>x</script>\n", Rendering.plain("T & C", body));
    }

    @Test
    void aLongTextIsSplitOnLineBoundariesWithinTheLimit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("line ").append(i).append(" of a long handoff\\.\n");
        }
        List<String> parts = Rendering.split(text.toString().strip(), 4096);
        assertTrue(parts.size() > 1);
        parts.forEach(part -> assertTrue(part.length() <= 4096));
        assertTrue(parts.stream().allMatch(part -> part.startsWith("line ")));
        assertEquals(text.toString().strip(), String.join("\n", parts));
    }

    @Test
    void aSingleLineLongerThanTheLimitIsCutOutsideAnEscape() {
        String line = "a".repeat(9) + "\\." + "b".repeat(20);
        List<String> parts = Rendering.split(line, 10);
        assertEquals("aaaaaaaaa", parts.getFirst());
        assertTrue(parts.get(1).startsWith("\\."));
        assertEquals(line, String.join("", parts));
    }
}
