package io.tickcast.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one Jackson configuration for every record tickcast reads or writes. */
public final class Json {

    /**
     * Doubles are written by Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}): the shortest decimal that
     * parses back to the same double, as {@code Double.toString} on Java 19+, several times faster than Java 17's
     * {@code Double.toString}. The numbers read back bit-identical ({@code FastDoubleWriterTest}); the digits can
     * differ from Java 17's {@code Double.toString}, which sometimes writes one digit more than needed
     * ({@code docs/performance.md}, "Output JSON").
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The shared mapper; thread-safe once configured, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** UTF-8 JSON; an {@link Output} record goes through the faster {@link OutputWriter}, with the same bytes. */
    public static byte[] toBytes(Object value) {
        if (value instanceof Output output) {
            return OutputWriter.toBytes(output);
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }
}
