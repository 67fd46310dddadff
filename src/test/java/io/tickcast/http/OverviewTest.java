package io.tickcast.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverviewTest {

    @Test
    void withoutParametersItIsTheFirstFiftyByName() {
        Overview.Query q = Overview.Query.parse(Map.of(), false);
        assertEquals(new Overview.Query(0, Overview.DEFAULT_LIMIT, "", "symbol", false), q);
    }

    @Test
    void badParametersAreRefusedSayingWhich() {
        assertRefused(Map.of("limit", "0"), "limit must be between 1 and 500");
        assertRefused(Map.of("limit", "501"), "limit must be between 1 and 500");
        assertRefused(Map.of("offset", "-1"), "offset must be between 0");
        assertRefused(Map.of("offset", "ten"), "offset must be an integer");
        assertRefused(Map.of("sort", "price"), "unknown sort column 'price'");
        assertRefused(Map.of("sort", "-"), "unknown sort column ''");
        assertRefused(Map.of("q", "x".repeat(Overview.MAX_QUERY + 1)), "q is longer than");
        assertEquals(Overview.MAX_OFFSET + Overview.MAX_LIMIT, Overview.Query.parse(
                Map.of("limit", String.valueOf(Overview.MAX_OFFSET + Overview.MAX_LIMIT)), true).limit(),
                "another instance may ask for a page's whole head");
    }

    @Test
    void searchIgnoresCaseAndPagesCountTheMatches() {
        List<SymbolRow> rows = new ArrayList<>();
        for (String s : List.of("DAX", "dax.future", "SMI", "CAC", "FTSE", "MDAX")) {
            rows.add(row(s, 1.0, 100));
        }
        Overview.Page page = Overview.page(rows, Overview.Query.parse(Map.of("q", "dAx", "limit", "2"), false));
        assertEquals(3, page.total());
        assertEquals(List.of("DAX", "MDAX"), symbols(page), "sorted by symbol, first page of two");
        Overview.Page second = Overview.page(rows, Overview.Query.parse(Map.of("q", "dax", "limit", "2",
                "offset", "2"), false));
        assertEquals(List.of("dax.future"), symbols(second));
        assertEquals(0, Overview.page(rows, Overview.Query.parse(Map.of("offset", "10"), false)).rows().size());
    }

    @Test
    void undefinedValuesComeLastInEitherDirection() {
        List<SymbolRow> rows = List.of(row("A", 0.9, 1), row("B", null, 2), row("C", 1.1, 3), row("D", 1.0, 4));
        assertEquals(List.of("A", "D", "C", "B"), symbols(Overview.page(rows, sort("error"))));
        assertEquals(List.of("C", "D", "A", "B"), symbols(Overview.page(rows, sort("-error"))));
        assertEquals(List.of("D", "C", "B", "A"), symbols(Overview.page(rows, sort("-ticks"))));
        assertEquals(List.of("D", "C", "B", "A"), symbols(Overview.page(rows, sort("-symbol"))));
    }

    @Test
    void mergingEveryInstancesHeadGivesThePageOfAllTheirRows() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<List<SymbolRow>> instances = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<SymbolRow> all = new ArrayList<>();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                SymbolRow r = row("S" + random.nextInt(1000) + "-" + i, random.nextInt(5) == 0 ? null
                        : Math.round(random.nextDouble() * 20) / 10.0, random.nextInt(50));
                all.add(r);
                instances.get(random.nextInt(3)).add(r);
            }
            List<String> columns = new ArrayList<>(Overview.COLUMNS.keySet());
            String column = columns.get(random.nextInt(columns.size()));
            Map<String, String> params = new HashMap<>();
            params.put("sort", (random.nextBoolean() ? "-" : "") + column);
            params.put("offset", String.valueOf(random.nextInt(20)));
            params.put("limit", String.valueOf(1 + random.nextInt(15)));
            if (random.nextInt(3) == 0) {
                params.put("q", String.valueOf(random.nextInt(10)));
            }
            Overview.Query q = Overview.Query.parse(params, false);
            List<Overview.Page> heads = instances.stream().map(rows -> Overview.page(rows, q.head())).toList();
            Overview.Page merged = Overview.merge(heads, q);
            Overview.Page direct = Overview.page(all, q);
            assertEquals(direct, merged, "round " + round + " " + params);
        }
    }

    @Test
    void aSymbolOnTwoInstancesCountsOnceWithItsLatestRow() {
        SymbolRow old = row("A", 1.0, 10, 1_000);
        SymbolRow fresh = row("A", 0.5, 12, 2_000);
        Overview.Query q = Overview.Query.parse(Map.of(), false);
        Overview.Page merged = Overview.merge(List.of(Overview.page(List.of(old, row("B", 1.0, 1)), q.head()),
                Overview.page(List.of(fresh), q.head())), q);
        assertEquals(2, merged.total());
        assertEquals(List.of(fresh, row("B", 1.0, 1)), merged.rows());
    }

    @Test
    void theAnswerListsTheSymbolsOfThePageBesideTheirRows() {
        Overview.Query q = Overview.Query.parse(Map.of("sort", "-error", "limit", "1"), false);
        Map<String, Object> json = Overview.toJson(Overview.page(List.of(row("A", 1.0, 1), row("B", 2.0, 1)), q), q);
        assertEquals(List.of("B"), json.get("symbols"));
        assertEquals(2L, json.get("total"));
        assertEquals("-error", json.get("sort"));
    }

    private static void assertRefused(Map<String, String> params, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overview.Query.parse(params, false));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static Overview.Query sort(String sort) {
        return Overview.Query.parse(Map.of("sort", sort), false);
    }

    private static List<String> symbols(Overview.Page page) {
        return page.rows().stream().map(SymbolRow::symbol).toList();
    }

    private static SymbolRow row(String symbol, Double errorRatio, long ticks) {
        return row(symbol, errorRatio, ticks, 1_000);
    }

    /** A row whose other columns derive from the three given, so that every column sorts differently. */
    private static SymbolRow row(String symbol, Double errorRatio, long ticks, long ts) {
        double value = 100 + symbol.hashCode() % 17;
        Double coverage = errorRatio == null ? null : 1 - errorRatio / 10;
        return new SymbolRow(symbol, ts + ticks % 7, value, ticks, value + 1, value - 1, value + 3, 0.9, ticks,
                errorRatio == null ? null : errorRatio * 2, errorRatio == null ? null : 2.0, errorRatio, coverage,
                ticks % 2 == 0 ? "holt" : "lstm", 0.5, errorRatio == null ? null : errorRatio / 3, 1, ticks % 4,
                null, null);
    }
}
