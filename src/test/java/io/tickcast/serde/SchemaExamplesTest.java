package io.tickcast.serde;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaExamplesTest {

    private static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(SchemaCheck.SCHEMAS.resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String kindOf(Path example) {
        String name = example.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    @Test
    void everyKindHasValidAndInvalidExamples() throws IOException {
        for (String kind : List.of("tick", "forecast", "break", "dead-letter")) {
            assertTrue(examples().stream().anyMatch(p -> p.getFileName().toString().startsWith(kind + ".valid")), kind);
            assertTrue(examples().stream().anyMatch(p -> p.getFileName().toString().startsWith(kind + ".invalid")), kind);
        }
    }

    @Test
    void validExamplesPassAndInvalidOnesFailWithAReadableReason() throws IOException {
        for (Path p : examples()) {
            String errors = SchemaCheck.errors(kindOf(p), Files.readString(p));
            if (p.getFileName().toString().contains(".valid")) {
                assertEquals("", errors, p + " should be valid");
            } else {
                assertFalse(errors.isEmpty(), p + " should be invalid");
                // A readable reason names the offending field.
                assertTrue(errors.matches(".*\\$\\.?\\w*.*"), errors);
            }
        }
    }

    @Test
    void tickExamplesAgreeWithTheParser() throws IOException {
        for (Path p : examples()) {
            if (!kindOf(p).equals("tick")) {
                continue;
            }
            TickParser.Result r = TickParser.parse(null, Files.readAllBytes(p));
            assertEquals(p.getFileName().toString().contains(".valid"), r.ok(), p + ": " + r.detail());
        }
    }
}
