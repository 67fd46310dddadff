package io.tickcast.http;

import org.webjars.WebJarVersionLocator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The live page's files, from the classpath: {@code /} is {@code web/index.html}, {@code /static/{file}} one of the
 * page's own files in {@code web/}, {@code /webjars/{name}/{path}} a file of a WebJar on the classpath at its
 * version (uPlot: {@code /webjars/uplot/dist/uPlot.iife.min.js}). Only paths whose segments are letters, digits,
 * {@code .}, {@code -} and {@code _} (not {@code .} or {@code ..}) and whose extension has a content type here are
 * served: a percent-escape, a backslash or a {@code ..} never reaches the class loader.
 */
final class StaticFiles {

    /** A file to send. */
    record Asset(byte[] body, String contentType) {
    }

    private static final String WEB = "web/";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final WebJarVersionLocator webJars = new WebJarVersionLocator();
    /** The files are in the jar and never change: each one found is read once. */
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** The file a request path names, or empty (a 404). */
    Optional<Asset> resolve(String rawPath) {
        if (rawPath.equals("/") || rawPath.equals("/index.html")) {
            return load(WEB + "index.html");
        }
        String[] parts = rawPath.split("/", -1);
        // "", "static", file...  or  "", "webjars", name, path...
        if (parts.length < 3 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        for (int i = 1; i < parts.length; i++) {
            if (!SEGMENT.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        if (parts[1].equals("static")) {
            return load(WEB + rest);
        }
        if (parts[1].equals("webjars") && parts.length >= 4) {
            String name = parts[2];
            String file = String.join("/", java.util.Arrays.copyOfRange(parts, 3, parts.length));
            String full = webJars.fullPath(name, file);
            return full == null ? Optional.empty() : load(full);
        }
        return Optional.empty();
    }

    private Optional<Asset> load(String resource) {
        String type = contentType(resource);
        if (type == null) {
            return Optional.empty();
        }
        Asset cached = cache.get(resource);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Asset asset = new Asset(in.readAllBytes(), type);
            cache.put(resource, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The content type of a file by its extension, or null for one not served. */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    }
}
