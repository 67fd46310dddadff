package io.tickcast.serde;

import java.util.Objects;

/**
 * One observation of one series: the tick contract ({@code schemas/tick.schema.json}).
 *
 * @param symbol the series' name, also the record key
 * @param ts     epoch milliseconds
 * @param value  a finite number in the series' own units
 */
public record Tick(String symbol, long ts, double value) {
    public Tick {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("symbol must not be empty");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
    }
}
