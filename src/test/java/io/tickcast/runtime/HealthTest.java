package io.tickcast.runtime;

import io.tickcast.http.Verdict;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness and readiness from Kafka Streams' state, thread deaths and the cluster probe, on a hand-driven clock. */
class HealthTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Health health = new Health("broker:9092", now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void aliveWhileStartingOrRunning(State state) {
        assertEquals(Verdict.pass(), health.alive(state));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"PENDING_ERROR", "ERROR"})
    void deadInError(State state) {
        Verdict v = health.alive(state);
        assertFalse(v.ok());
        assertTrue(v.reason().contains(state.name()), v.reason());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING"})
    void stoppedIsDeadUnlessAShutdownWasAskedFor(State state) {
        assertFalse(health.alive(state).ok());
        assertTrue(health.alive(state).reason().contains("no shutdown was asked for"));
        health.closing();
        assertTrue(health.alive(state).ok());
        assertFalse(health.alive(State.ERROR).ok(), "ERROR is dead even while closing");
    }

    @Test
    void threeThreadDeathsWithinTheWindowAreDeadUntilTheOldestLeavesIt() {
        assertEquals(3, Health.THREAD_DEATHS);
        assertEquals(Duration.ofMinutes(5), Health.THREAD_DEATH_WINDOW);
        health.threadDied();
        advance(Duration.ofMinutes(2));
        health.threadDied();
        assertTrue(health.alive(State.RUNNING).ok(), "two deaths");
        advance(Duration.ofMinutes(2));
        health.threadDied();
        Verdict v = health.alive(State.RUNNING);
        assertFalse(v.ok(), "three within 4 minutes");
        assertTrue(v.reason().startsWith("3 stream threads died within the last 240 s"), v.reason());
        advance(Duration.ofMinutes(1));
        assertFalse(health.alive(State.RUNNING).ok(), "the first died exactly 5 minutes ago");
        advance(Duration.ofSeconds(1));
        assertTrue(health.alive(State.RUNNING).ok(), "the first left the window: two remain");
        health.threadDied();
        assertFalse(health.alive(State.RUNNING).ok(), "again three within 5 minutes");
    }

    @Test
    void deathsSpreadOutNeverFailLiveness() {
        for (int i = 0; i < 100; i++) {
            health.threadDied();
            assertTrue(health.alive(State.RUNNING).ok(), "death " + i);
            advance(Duration.ofSeconds(151));
        }
    }

    @Test
    void notReadyUntilTheClusterHasAnswered() {
        Verdict v = health.ready(State.RUNNING);
        assertFalse(v.ok());
        assertEquals("no answer yet from the Kafka cluster at broker:9092 (asking for 0 s)", v.reason());
        advance(Duration.ofSeconds(4));
        health.clusterFailed("Timed out waiting for a node assignment");
        assertEquals("no answer yet from the Kafka cluster at broker:9092 (asking for 4 s): "
                + "Timed out waiting for a node assignment", health.ready(State.RUNNING).reason());
        health.clusterAnswered();
        assertEquals(Verdict.pass(), health.ready(State.RUNNING));
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void notReadyUnlessRunning(State state) {
        health.clusterAnswered();
        assertEquals("Kafka Streams is " + state + ", not RUNNING", health.ready(state).reason());
    }

    @Test
    void aSilentClusterFailsReadinessButNotLiveness() {
        health.clusterAnswered();
        for (int s = 0; s < 5; s++) {
            advance(Duration.ofSeconds(3));
            health.clusterFailed("Timed out waiting for a node assignment. Call: describeCluster");
        }
        assertTrue(health.ready(State.RUNNING).ok(), "silent for exactly 15 s");
        advance(Duration.ofSeconds(5));
        Verdict v = health.ready(State.RUNNING);
        assertFalse(v.ok());
        assertEquals("cannot reach the Kafka cluster at broker:9092 for 20 s: "
                + "Timed out waiting for a node assignment. Call: describeCluster", v.reason());
        assertTrue(health.alive(State.RUNNING).ok(), "restarting would not bring the broker back");
        health.clusterAnswered();
        assertTrue(health.ready(State.RUNNING).ok(), "ready again at the next answer");
    }
}
