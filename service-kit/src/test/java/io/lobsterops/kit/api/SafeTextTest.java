package io.lobsterops.kit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What text the platform takes from outside, character by character (ADR 0043). */
class SafeTextTest {

    @Test
    void ordinaryTextOfAnyScriptIsSafe() {
        assertEquals(-1, SafeText.firstUnsafe("Acme Corp — Zoë's café, 東京, Ελλάδα"));
        assertEquals(-1, SafeText.firstUnsafe("a pair of surrogates is one character: 🦞 lobster"));
        assertEquals(-1, SafeText.firstUnsafe(""));
    }

    @Test
    void newlinesAndTabsAreTheOnlyControlCharactersTaken() {
        assertEquals(-1, SafeText.firstUnsafe("line one\nline two\tindented"));
        assertEquals(3, SafeText.firstUnsafe("abc\u0000def"));
        assertEquals(0, SafeText.firstUnsafe("\u001b[31mred"));
        assertEquals(1, SafeText.firstUnsafe("a\u007f"));
        assertEquals(2, SafeText.firstUnsafe("ab\u0085"));
        assertEquals("U+0000 (a control character) at position 4", SafeText.describe("abc\u0000def", 3));
    }

    @Test
    void bidirectionalOverridesAndIsolatesAreRefused() {
        for (char c : new char[] { '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068',
                '\u2069' }) {
            assertEquals(4, SafeText.firstUnsafe("file" + c + "txt.exe"), Integer.toHexString(c));
        }
        assertEquals("U+202E (a bidirectional override) at position 5", SafeText.describe("file\u202etxt", 4));
        // the characters just outside those ranges are ordinary punctuation
        assertEquals(-1, SafeText.firstUnsafe("\u2029\u202f\u2065\u206a"));
    }

    @Test
    void aLoneSurrogateIsRefusedWhereverItStands() {
        assertEquals(2, SafeText.firstUnsafe("ab\ud83e"));
        assertEquals(0, SafeText.firstUnsafe("\udd9e lobster's second half"));
        assertEquals(1, SafeText.firstUnsafe("a\ud83eb"));
        assertEquals("U+D83E (a lone surrogate) at position 3", SafeText.describe("ab\ud83e", 2));
    }
}
