package io.tickcast.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Fails a test that writes to standard output (EJML's habit): a test reports through its assertions, and a
 * command under test writes to the writer its test captures. Registered for every test class through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}.
 *
 * <p>{@link System#out} is replaced by a buffer from before a class's {@code @BeforeAll} until the class is done,
 * and again from before each test's {@code @BeforeEach} until the test is done (after its {@code @AfterEach}). The
 * buffer is a resource of the class's or the test's {@link ExtensionContext.Store}: JUnit closes it at the end,
 * which puts the original stream back and fails the test (or the class) if anything was written. Whatever any
 * thread writes meanwhile counts. Standard error stays free for logging.
 */
public final class NoStdoutExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoStdoutExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        capture(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        capture(context);
    }

    private static void capture(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Capture.class, new Capture(context.getDisplayName(), System.out));
    }

    /** Standard output, captured until JUnit closes the store that holds this. */
    private static final class Capture implements AutoCloseable {
        private final String what;
        private final PrintStream previous;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Capture(String what, PrintStream previous) {
            this.what = what;
            this.previous = previous;
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            System.out.flush();
            System.setOut(previous);
            String written = buffer.toString(StandardCharsets.UTF_8);
            if (!written.isEmpty()) {
                String shown = written.length() <= 500 ? written : written.substring(0, 500) + "...";
                throw new AssertionFailedError(what + " wrote " + written.length()
                        + " characters to standard output; tests must not print:\n" + shown);
            }
        }
    }
}
