package io.tickcast.http;

/** Answers {@code GET /symbols...}; implemented over Kafka Streams interactive queries. */
public interface SymbolQueries {

    record Response(int status, Object body) {
    }

    /**
     * @param path      the request path, {@code /symbols}, {@code /symbols/{s}}, {@code /symbols/{s}/model}
     *                  or {@code /symbols/{s}/impulse}
     * @param localOnly answer from this instance's stores only (set on requests forwarded by another instance)
     */
    Response handle(String path, boolean localOnly);
}
