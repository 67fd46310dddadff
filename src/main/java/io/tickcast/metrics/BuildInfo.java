package io.tickcast.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this build was made from: {@code io/tickcast/build.properties}, filtered by Maven
 * ({@code project.version}, and the commit from buildnumber-maven-plugin). A value the build could not fill in reads
 * as {@code unknown}.
 */
public record BuildInfo(String version, String commit) {

    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "/io/tickcast/build.properties";

    /** This build's, read once from the class path. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(filled(p.getProperty("version")), filled(p.getProperty("commit")));
    }

    /** An unfiltered {@code ${...}}, an empty value or none is unknown. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.trim();
    }
}
