package io.tickcast.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void inALogEachLineEndsAndThereIsNoCarriageReturn() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "bench horizon", 1_000, false);
        for (int i = 0; i < 1_000; i++) {
            p.step();
        }
        p.done();
        String text = out.toString();
        assertFalse(text.contains("\r"), text);
        // Steps within 10 s of the start print nothing; done() prints the final line.
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("bench horizon 1000/1000 (100 %)"), text);
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewline() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "backtest", 10, true);
        for (int i = 0; i < 10; i++) {
            p.step();
        }
        p.done();
        String text = out.toString();
        assertTrue(text.startsWith("\rbacktest ["), text);
        assertTrue(text.contains("\rbacktest [##############################] 10/10"), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
    }

    @Test
    void withoutATotalItCounts() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "produce", 0, false);
        p.step();
        p.done();
        assertTrue(out.toString().startsWith("produce 1  "), out.toString());
    }
}
