package io.tickcast.runtime;

import io.tickcast.http.Verdict;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe against an address where no broker listens: it reports why, and closing it never waits for the cluster. */
class ClusterProbeTest {

    @Test
    void reportsAnUnreachableClusterAndClosesAtOnce() throws Exception {
        String nowhere = "127.0.0.1:" + freePort();
        Health health = new Health(nowhere, System::nanoTime);
        ClusterProbe probe = ClusterProbe.start(Map.of("bootstrap.servers", nowhere), health,
                Duration.ofMillis(200), Duration.ofMillis(500));
        Verdict v;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                Thread.sleep(100);
                v = health.ready(State.RUNNING);
            } while (!v.reason().contains(": ") && System.nanoTime() < deadline);
        } finally {
            long closing = System.nanoTime();
            probe.close();
            Duration took = Duration.ofNanos(System.nanoTime() - closing);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "close took " + took.toMillis() + " ms");
        }
        assertFalse(v.ok());
        assertTrue(v.reason().startsWith("no answer yet from the Kafka cluster at " + nowhere), v.reason());
        assertTrue(v.reason().contains(": "), "the probe's failure is given: " + v.reason());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
