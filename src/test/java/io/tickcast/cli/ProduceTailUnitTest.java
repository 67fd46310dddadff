package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.csv.TickCsv;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The Kafka-free parts of produce and tail: format detection, OHLC columns, line formats, errors. */
class ProduceTailUnitTest {

    private static final String OHLC = """
            Date,Open,High,Low,Close,Adj Close,Volume
            2024-01-02,100.5,102,99.5,101.25,101.0,1000
            2024-01-03,null,null,null,null,null,null
            2024-01-04,101.5,103,100,102.75,102.5,1200
            """;

    @Test
    void readsOhlcColumnsAndSkipsNullRows() {
        List<TickCsv.Row> close = TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "Close", "DAX", 0);
        assertEquals(2, close.size());
        assertEquals("{\"symbol\":\"DAX\",\"ts\":\"2024-01-02\",\"value\":101.25}", close.get(0).json());
        List<TickCsv.Row> adj = TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "adj close", "DAX", 0);
        assertEquals("102.5", adj.get(1).value());
        assertEquals("100.5", TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "Open", "X", 0).get(0).value());
    }

    @Test
    void skippedOhlcRowsAreReportedByLineNumber() {
        List<Integer> skipped = new java.util.ArrayList<>();
        List<TickCsv.Row> rows = TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "Close", "DAX", 0, skipped::add);
        assertEquals(2, rows.size());
        assertEquals(List.of(3), skipped);
    }

    @Test
    void readsTickCsvThroughTheSameEntryPoint() {
        List<TickCsv.Row> rows = TickCsv.readAny(new BufferedReader(new StringReader("symbol,ts,value\nA,1000,1.5\n")),
                "Close", null, 0);
        assertEquals("{\"symbol\":\"A\",\"ts\":1000,\"value\":1.5}", rows.get(0).json());
    }

    @Test
    void ohlcErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "Close", null, 0));
        assertTrue(e.getMessage().contains("--symbol"));
        e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.readAny(new BufferedReader(new StringReader(OHLC)), "Mid", "X", 0));
        assertTrue(e.getMessage().contains("Mid"));
        e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.readAny(new BufferedReader(new StringReader("a,b\n1,2\n")), "Close", "X", 0));
        assertTrue(e.getMessage().contains("unrecognised"));
    }

    @Test
    void produceAndTailWithoutABrokerFailClearly() {
        CliRun r = CliRun.run("produce", "--csv", "src/main/resources/data/eustockmarkets.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bootstrap"), r.err());
        r = CliRun.run("tail", "forecasts");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bootstrap"), r.err());
        r = CliRun.run("tail", "ticks", "--bootstrap", "localhost:1");
        assertEquals(2, r.code());
    }

    @Test
    void tailLineFormats() {
        String f = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"value\":1628.75,\"steps\":[{\"step\":1,\"forecast\":1630.123456,"
                + "\"lower\":1600,\"upper\":1660.5,\"persistence\":1628.75}],\"source\":\"lstm\",\"warmup\":false,"
                + "\"ticks\":100,\"updates\":3}";
        assertEquals("1991-07-01 DAX 1628.75 → 1630.123 [1600, 1660.5] (persistence 1628.75, lstm)",
                TailCommand.format(TailCommand.Topic.forecasts, "DAX", f));
        String b = "{\"symbol\":\"DAX\",\"ts\":678326460000,\"break_ts\":678326400000,\"f\":5.5,\"f_crit\":2.29,"
                + "\"p_value\":0.0001,\"alpha\":0.05,\"window\":120,\"k\":6,\"mode\":\"fixed\",\"signal\":true}";
        assertEquals("1991-07-01T00:01:00Z DAX F=5.5 crit=2.29 p=0.0001 SIGNAL (break at 1991-07-01)",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", b));
        String d = "{\"reason\":\"malformed_json\",\"detail\":\"Unexpected end\",\"topic\":\"ticks\",\"partition\":0,"
                + "\"offset\":7,\"key\":\"DAX\",\"value\":\"{oops\"}";
        assertEquals("malformed_json \"Unexpected end\" DAX {oops", TailCommand.format(TailCommand.Topic.dlq, "DAX", d));
        assertTrue(TailCommand.format(TailCommand.Topic.dlq, null, "not json").startsWith("(unparsable)"));
    }
}
