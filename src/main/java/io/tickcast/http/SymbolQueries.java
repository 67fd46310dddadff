package io.tickcast.http;

/** Answers {@code GET /symbols...}; implemented over Kafka Streams interactive queries. */
public interface SymbolQueries {

    record Response(int status, Object body) {
    }

    Response handle(String path);
}
