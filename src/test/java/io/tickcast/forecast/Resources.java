package io.tickcast.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The CSV test resources of this package, written by the make_*.py / make_*.R scripts next to them. */
final class Resources {

    private Resources() {
    }

    /** The data lines of a comma-separated resource (header dropped), each split keeping empty fields. */
    static List<String[]> csv(String name) {
        URL url = Resources.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(url.toURI()), StandardCharsets.UTF_8);
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** |actual − expected| ≤ tol · unit, with a readable message. */
    static boolean near(double expected, double actual, double tol, double unit) {
        return Math.abs(actual - expected) <= tol * unit;
    }
}
