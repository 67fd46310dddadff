package io.tickcast.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
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
 * <p>{@link System#out} is replaced by a buffer from before a class's {@code @BeforeAll} to after its
 * {@code @AfterAll}, and again from before each test's {@code @BeforeEach} to after its {@code @AfterEach}; the
 * original stream comes back afterwards, and the test (or the class) fails if its buffer is not empty. Whatever
 * any thread writes meanwhile counts. Standard error stays free for logging.
 */
public final class NoStdoutExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoStdoutExtension.class);

    /** The stream replaced, and the buffer that replaced it. */
    private record Capture(PrintStream previous, ByteArrayOutputStream buffer) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        finish(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        finish(context);
    }

    private static void start(ExtensionContext context) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        context.getStore(NAMESPACE).put(context.getUniqueId(), new Capture(System.out, buffer));
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    private static void finish(ExtensionContext context) {
        Capture capture = context.getStore(NAMESPACE).remove(context.getUniqueId(), Capture.class);
        if (capture == null) {
            return;
        }
        System.out.flush();
        System.setOut(capture.previous());
        String written = capture.buffer().toString(StandardCharsets.UTF_8);
        if (!written.isEmpty()) {
            String shown = written.length() <= 500 ? written : written.substring(0, 500) + "...";
            throw new AssertionFailedError(context.getDisplayName() + " wrote " + written.length()
                    + " characters to standard output; tests must not print:\n" + shown);
        }
    }
}
