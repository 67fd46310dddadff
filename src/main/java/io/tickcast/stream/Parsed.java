package io.tickcast.stream;

import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Tick;

/** The outcome of parsing one raw record: a tick (to re-key when the record had no key) or a dead letter. */
record Parsed(Tick tick, boolean rekey, DeadLetter dead) {
    static Parsed tick(Tick t, boolean rekey) {
        return new Parsed(t, rekey, null);
    }

    static Parsed dead(DeadLetter d) {
        return new Parsed(null, false, d);
    }
}
