package io.tickcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs {@link Sample} through the JUnit launcher, as the build runs every test class. */
class NoStdoutExtensionTest {
    private static final String LAUNCHED_HERE = "tickcast.noStdoutExtensionTest";

    /** Run only by {@link #aTestThatPrintsFailsAndOneThatDoesNotPasses}, not by the build. */
    @EnabledIf("io.tickcast.testing.NoStdoutExtensionTest#launchedHere")
    static final class Sample {
        @Test
        void prints() {
            System.out.print("hello from a test");
        }

        @Test
        void staysQuiet() {
            // writes nothing
        }
    }

    static boolean launchedHere(ExtensionContext context) {
        return context.getConfigurationParameter(LAUNCHED_HERE).isPresent();
    }

    @Test
    void aTestThatPrintsFailsAndOneThatDoesNotPasses() {
        PrintStream before = System.out;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class))
                .configurationParameter(LAUNCHED_HERE, "true").build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();

        assertEquals(2, summary.getTestsStartedCount());
        assertEquals(1, summary.getTestsSucceededCount());
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size());
        assertEquals("prints()", failures.get(0).getTestIdentifier().getDisplayName());
        String message = failures.get(0).getException().getMessage();
        assertTrue(message.contains("standard output") && message.contains("hello from a test"), message);
        assertSame(before, System.out, "System.out is restored");
    }
}
