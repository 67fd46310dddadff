package io.tickcast.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tick CSV and OHLC through the one reader: format detection, OHLC columns, line numbers, errors. */
class TickCsvTest {

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
    void tickCsvToleratesAByteOrderMarkQuotedNamesAndBlankLinesAndKeepsLineNumbers() {
        String csv = "\uFEFF\"Symbol\", TS ,value\nA,1000,1.5\n\n  B , 2024-01-02 , 2 \n";
        List<TickCsv.Row> rows = TickCsv.read(new BufferedReader(new StringReader(csv)), 0);
        assertEquals(List.of(new TickCsv.Row(2, "A", "1000", "1.5"), new TickCsv.Row(4, "B", "2024-01-02", "2")), rows);
        assertEquals(1, TickCsv.read(new BufferedReader(new StringReader(csv)), 1).size());
    }

    @Test
    void tickCsvErrorsNameTheMissingColumnOrTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.read(new BufferedReader(new StringReader("sym,ts,value\nA,1,2\n")), 0));
        assertTrue(e.getMessage().startsWith("no column 'symbol' in the header 'sym,ts,value'"), e.getMessage());
        assertTrue(e.getMessage().contains("needs the columns symbol,ts,value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.read(new BufferedReader(new StringReader("symbol,ts,value\nA,1,2\nB,3\n")), 0));
        assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
    }

    private static List<TickCsv.Row> read(String csv, TickCsv.Columns columns) {
        return TickCsv.read(new BufferedReader(new StringReader(csv)), columns, 0);
    }

    @Test
    void quotedCellsMayHoldCommasQuotesAndLineBreaks() {
        String csv = "symbol,ts,value\n\"ACME, Inc.\",1000,1.5\n\"say \"\"hi\"\"\",2000,2\n\"two\nlines\",3000,3\nB,4000,4\n";
        List<TickCsv.Row> rows = read(csv, TickCsv.Columns.DEFAULT);
        assertEquals(List.of(new TickCsv.Row(2, "ACME, Inc.", "1000", "1.5"), new TickCsv.Row(3, "say \"hi\"", "2000", "2"),
                new TickCsv.Row(4, "two\nlines", "3000", "3"), new TickCsv.Row(6, "B", "4000", "4")), rows);
        assertEquals("{\"symbol\":\"say \\\"hi\\\"\",\"ts\":2000,\"value\":2}", rows.get(1).json());
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAmongOthers() {
        String csv = "time,price,ticker,venue\n2024-01-02,101.5,DAX,XETRA\n";
        List<TickCsv.Row> rows = read(csv, new TickCsv.Columns("Ticker", "time", "price"));
        assertEquals(List.of(new TickCsv.Row(2, "DAX", "2024-01-02", "101.5")), rows);
        assertEquals(List.of(new TickCsv.Row(2, "A", "1", "2")), read("ts,value,symbol\n1,2,A\n", TickCsv.Columns.DEFAULT));
    }

    @Test
    void aMissingMappedColumnIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("ticker,time,value\nA,1,2\n", new TickCsv.Columns("ticker", "time", "price")));
        assertTrue(e.getMessage().startsWith("no column 'price' in the header 'ticker,time,value'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TickCsv.readAny(new BufferedReader(new StringReader("a,b\n1,2\n")), "Close", "X", 0));
        assertTrue(e.getMessage().contains("no column 'symbol', 'ts', 'value' of symbol,ts,value"), e.getMessage());
    }

    @Test
    void aValueThatIsNoNumberTravelsAsAStringForTheContractToReject() {
        List<TickCsv.Row> rows = read("symbol,ts,value\nA,1,\"1,\"\"symbol\"\":\"\"B\"\"\"\nA,2,NaN\nA,3,-1.5e-3\n",
                TickCsv.Columns.DEFAULT);
        assertEquals("{\"symbol\":\"A\",\"ts\":1,\"value\":\"1,\\\"symbol\\\":\\\"B\\\"\"}", rows.get(0).json());
        assertEquals("{\"symbol\":\"A\",\"ts\":2,\"value\":NaN}", rows.get(1).json());
        assertEquals("{\"symbol\":\"A\",\"ts\":3,\"value\":-1.5e-3}", rows.get(2).json());
    }

    @Test
    void aQuoteNeverClosedIsAnErrorNamingItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("symbol,ts,value\nA,1,2\n\"B,2,3\n", TickCsv.Columns.DEFAULT));
        assertTrue(e.getMessage().matches("line \\d+: malformed CSV: .*"), e.getMessage());
    }

    @Test
    void rowsComeOneAtATimeFromAnEndlessInput() {
        // an input that never ends: reading all of it first would never return
        java.io.Reader endless = new java.io.Reader() {
            private final String header = "symbol,ts,value\n";
            private long served;

            @Override
            public int read(char[] buf, int off, int len) {
                for (int i = 0; i < len; i++, served++) {
                    buf[off + i] = served < header.length() ? header.charAt((int) served) : "A,1,2\n".charAt(
                            (int) ((served - header.length()) % 6));
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        TickCsv.Rows rows = TickCsv.rows(new BufferedReader(endless));
        for (int i = 0; i < 100_000; i++) {
            assertEquals(new TickCsv.Row(i + 2, "A", "1", "2"), rows.next());
        }
        assertNull(TickCsv.rows(new BufferedReader(new StringReader(""))).next(), "an empty input has no rows");
    }
}
