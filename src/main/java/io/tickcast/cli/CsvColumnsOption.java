package io.tickcast.cli;

import io.tickcast.csv.TickCsv;
import picocli.CommandLine.Option;

/** {@code --symbol-column}, {@code --ts-column}, {@code --value-column}: a tick CSV's columns by header name. */
final class CsvColumnsOption {

    @Option(names = "--symbol-column", paramLabel = "NAME", defaultValue = "symbol",
            description = "Tick CSV: the header name of the symbol's column (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--ts-column", paramLabel = "NAME", defaultValue = "ts",
            description = "Tick CSV: the header name of the timestamp's column (default: ${DEFAULT-VALUE}).")
    String ts;

    @Option(names = "--value-column", paramLabel = "NAME", defaultValue = "value",
            description = "Tick CSV: the header name of the value's column (default: ${DEFAULT-VALUE}).")
    String value;

    TickCsv.Columns columns() {
        return new TickCsv.Columns(symbol, ts, value);
    }
}
