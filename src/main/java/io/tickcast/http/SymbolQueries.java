package io.tickcast.http;

/** Answers {@code GET /symbols...}; implemented over Kafka Streams interactive queries. */
public interface SymbolQueries {

    /** A status and a body to write as JSON. */
    record Response(int status, Object body) {
    }

    /**
     * @param path     the request path, {@code /symbols}, {@code /symbols/{s}}, {@code /symbols/{s}/model},
     *                 {@code /symbols/{s}/impulse} or {@code /symbols/{s}/history}
     * @param rawQuery the request's query string, still encoded, or null; {@code local=true} (set on requests forwarded
     *                 by another instance) answers from this instance's state only
     */
    Response handle(String path, String rawQuery);
}
