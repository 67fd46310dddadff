package io.tickcast.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The live page's overview as {@code GET /symbols?offset=&limit=&q=&sort=} answers it: the {@link SymbolRow}s whose
 * symbol contains {@code q} (ignoring case), sorted by a column, one page of them. Free of HTTP and Kafka: the
 * endpoint parses a {@link Query}, pages each instance's rows and {@link #merge merges} the instances' pages.
 */
final class Overview {

    /** The most rows one page may have. */
    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_OFFSET = 1_000_000;
    static final int MAX_QUERY = 100;

    /** The sortable columns, by name in the {@code sort} parameter: the value each row is sorted by, null if undefined. */
    static final Map<String, Function<SymbolRow, Comparable<?>>> COLUMNS = columns();

    private Overview() {
    }

    /**
     * One page request.
     *
     * @param offset     rows to skip
     * @param limit      rows to return, 1..{@link #MAX_LIMIT}
     * @param q          the text a symbol must contain (ignoring case); empty for all
     * @param sort       the column to sort by, a key of {@link #COLUMNS}
     * @param descending largest first ({@code sort=-column}); undefined values come last either way
     */
    record Query(int offset, int limit, String q, String sort, boolean descending) {

        /** The parameter names {@link #parse} reads. */
        static final List<String> PARAMETERS = List.of("offset", "limit", "q", "sort");

        /**
         * Reads the parameters (each optional); a bad value is an {@code IllegalArgumentException} saying why.
         *
         * @param forwarded a request from another instance, which asks for the {@link #head()} of a page: up to
         *                  {@code MAX_OFFSET + MAX_LIMIT} rows
         */
        static Query parse(Map<String, String> params, boolean forwarded) {
            int offset = integer(params, "offset", 0, 0, MAX_OFFSET);
            int limit = integer(params, "limit", DEFAULT_LIMIT, 1, forwarded ? MAX_OFFSET + MAX_LIMIT : MAX_LIMIT);
            String q = params.getOrDefault("q", "").trim();
            if (q.length() > MAX_QUERY) {
                throw new IllegalArgumentException("q is longer than " + MAX_QUERY + " characters");
            }
            String sort = params.getOrDefault("sort", "symbol");
            boolean descending = sort.startsWith("-");
            String column = descending ? sort.substring(1) : sort;
            if (!COLUMNS.containsKey(column)) {
                throw new IllegalArgumentException("unknown sort column '" + column + "' (one of "
                        + String.join(", ", COLUMNS.keySet()) + ", with a leading '-' for descending)");
            }
            return new Query(offset, limit, q, column, descending);
        }

        /** The {@code sort} parameter that gives this order. */
        String sortParameter() {
            return (descending ? "-" : "") + sort;
        }

        /** The same filter and order from the first row, as many rows as this page needs to be cut from a merge. */
        Query head() {
            return new Query(0, (int) Math.min(Integer.MAX_VALUE, (long) offset + limit), q, sort, descending);
        }

        boolean matches(SymbolRow row) {
            return q.isEmpty() || row.symbol().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
        }

        /** The column's order (undefined values last, in either direction), then by symbol. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<SymbolRow> order() {
            Function<SymbolRow, Comparable> key = (Function) COLUMNS.get(sort);
            Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            return Comparator.comparing(key, Comparator.nullsLast(values)).thenComparing(SymbolRow::symbol);
        }
    }

    /**
     * One page of rows.
     *
     * @param total the rows matching the query, on every page
     */
    record Page(List<SymbolRow> rows, long total) {
    }

    /** The query's page of {@code rows}. */
    static Page page(Collection<SymbolRow> rows, Query query) {
        List<SymbolRow> matching = new ArrayList<>();
        for (SymbolRow r : rows) {
            if (query.matches(r)) {
                matching.add(r);
            }
        }
        matching.sort(query.order());
        return new Page(slice(matching, query), matching.size());
    }

    /**
     * The query's page of the union of several instances' pages, each of them cut with {@link Query#head()}. A symbol
     * on two instances (its rows on the one it left, until that one forgets them) counts once, with its latest row.
     */
    static Page merge(List<Page> pages, Query query) {
        Map<String, SymbolRow> bySymbol = new LinkedHashMap<>();
        long total = 0;
        long duplicates = 0;
        for (Page p : pages) {
            total += p.total();
            for (SymbolRow r : p.rows()) {
                SymbolRow other = bySymbol.get(r.symbol());
                if (other != null) {
                    duplicates++;
                }
                if (other == null || r.ts() > other.ts() || (r.ts() == other.ts() && r.ticks() > other.ticks())) {
                    bySymbol.put(r.symbol(), r);
                }
            }
        }
        List<SymbolRow> all = new ArrayList<>(bySymbol.values());
        all.sort(query.order());
        return new Page(slice(all, query), total - duplicates);
    }

    /** The page as {@code /symbols} answers it. */
    static Map<String, Object> toJson(Page page, Query query) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbols", page.rows().stream().map(SymbolRow::symbol).toList());
        out.put("total", page.total());
        out.put("offset", query.offset());
        out.put("limit", query.limit());
        out.put("q", query.q());
        out.put("sort", query.sortParameter());
        out.put("rows", page.rows());
        return out;
    }

    private static List<SymbolRow> slice(List<SymbolRow> sorted, Query query) {
        int from = Math.min(query.offset(), sorted.size());
        int to = (int) Math.min(sorted.size(), (long) from + query.limit());
        return List.copyOf(sorted.subList(from, to));
    }

    private static int integer(Map<String, String> params, String name, int otherwise, int min, int max) {
        String v = params.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static Map<String, Function<SymbolRow, Comparable<?>>> columns() {
        Map<String, Function<SymbolRow, Comparable<?>>> m = new LinkedHashMap<>();
        m.put("symbol", SymbolRow::symbol);
        m.put("value", SymbolRow::value);
        m.put("ticks", SymbolRow::ticks);
        m.put("updated", SymbolRow::ts);
        m.put("forecast", SymbolRow::forecast);
        m.put("error", SymbolRow::errorRatio);
        m.put("coverage", SymbolRow::coverage);
        m.put("breaks", SymbolRow::breaks);
        m.put("leader", SymbolRow::source);
        m.put("gain", SymbolRow::gain);
        return Collections.unmodifiableMap(m);
    }
}
