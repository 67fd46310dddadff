package io.tickcast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A command's logs in a file instead of on the console, for the commands whose console belongs to the user
 * ({@code demo}): every event that {@code logback.xml} lets through (Kafka's broker and clients at WARN, tickcast at
 * INFO) goes to the file, and only tickcast's own warnings and errors ({@code io.tickcast} at WARN and above) still
 * reach standard error. Why: under exactly-once the embedded broker and the producers log retriable conditions
 * ({@code OutOfOrderSequenceException}, KIP-890) at ERROR and WARN that a Kafka user reads as data loss.
 *
 * <p>{@code run} does not use it: a server logs to its console, where its supervisor collects the logs.
 * {@link #close()} puts the console back as it was (the tests run commands in one JVM).
 */
final class LogFile implements AutoCloseable {

    private static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger - %msg%n";

    private final Path file;
    private final Logger root;
    private final Logger tickcast;
    private final List<Appender<ILoggingEvent>> rootAppenders;
    private final FileAppender<ILoggingEvent> fileAppender;
    private final ConsoleAppender<ILoggingEvent> console;

    private LogFile(Path file, Logger root, Logger tickcast, List<Appender<ILoggingEvent>> rootAppenders,
                    FileAppender<ILoggingEvent> fileAppender, ConsoleAppender<ILoggingEvent> console) {
        this.file = file;
        this.root = root;
        this.tickcast = tickcast;
        this.rootAppenders = rootAppenders;
        this.fileAppender = fileAppender;
        this.console = console;
    }

    /**
     * Moves the root logger's appenders aside for a file appender on {@code file} (truncated) and a console appender
     * for {@code io.tickcast} at WARN and above; null when SLF4J is not bound to logback (nothing is changed).
     */
    static LogFile open(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger tickcast = context.getLogger("io.tickcast");

        FileAppender<ILoggingEvent> toFile = new FileAppender<>();
        toFile.setContext(context);
        toFile.setName("tickcast-log-file");
        toFile.setFile(file.toString());
        toFile.setAppend(false);
        toFile.setEncoder(encoder(context));
        toFile.start();

        ThresholdFilter warn = new ThresholdFilter();
        warn.setLevel(Level.WARN.toString());
        warn.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("tickcast-console-warn");
        console.setTarget("System.err");
        console.setEncoder(encoder(context));
        console.addFilter(warn);
        console.start();

        List<Appender<ILoggingEvent>> moved = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            moved.add(it.next());
        }
        // Add before detaching, so that no event finds the root logger without an appender.
        root.addAppender(toFile);
        moved.forEach(root::detachAppender);
        tickcast.addAppender(console);
        return new LogFile(file, root, tickcast, moved, toFile, console);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(PATTERN);
        e.start();
        return e;
    }

    Path file() {
        return file;
    }

    /** Puts the root logger's appenders back and stops the file's and the console's appenders added here. */
    @Override
    public void close() {
        rootAppenders.forEach(root::addAppender);
        root.detachAppender(fileAppender);
        tickcast.detachAppender(console);
        fileAppender.stop();
        console.stop();
    }
}
