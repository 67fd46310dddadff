package io.tickcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs sample test classes through the JUnit launcher, as the build runs every test class. */
class NoStdoutExtensionTest {
    private static final String LAUNCHED_HERE = "tickcast.noStdoutExtensionTest";

    /** Run only by {@link #whatPrintedFailsAndNothingElse}, not by the build. */
    @EnabledIf("io.tickcast.testing.NoStdoutExtensionTest#launchedHere")
    static final class Sample {
        @BeforeAll
        static void setUp() {
            System.out.print("hello from @BeforeAll");
        }

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

    /** The test that prints fails, the quiet one passes, and the class fails for what its {@code @BeforeAll} printed. */
    @Test
    void whatPrintedFailsAndNothingElse() {
        PrintStream before = System.out;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class))
                .configurationParameter(LAUNCHED_HERE, "true").build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();

        assertSame(before, System.out, "System.out is restored");
        assertEquals(2, summary.getTestsStartedCount());
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(1, summary.getTestsFailedCount());
        assertEquals(1, summary.getContainersFailedCount());
        Map<String, String> failures = new TreeMap<>();
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            failures.put(f.getTestIdentifier().getDisplayName(), f.getException().getMessage());
        }
        assertEquals(Set.of("prints()", "NoStdoutExtensionTest$Sample"), failures.keySet());
        assertTrue(failures.get("prints()").endsWith("standard output; tests must not print:\nhello from a test"),
                failures.get("prints()"));
        assertTrue(failures.get("NoStdoutExtensionTest$Sample").endsWith("standard output; tests must not print:\nhello from @BeforeAll"),
                failures.get("NoStdoutExtensionTest$Sample"));
    }
}
