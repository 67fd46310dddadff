package io.tickcast.runtime;

import io.tickcast.http.Verdict;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What {@code /health} (liveness) and {@code /ready} (readiness) say, from Kafka Streams' state, the stream threads
 * that died lately and the last time the cluster answered the {@link ClusterProbe}. Every threshold is declared here.
 *
 * <p>Liveness fails only for what a restart cures: Kafka Streams in {@code PENDING_ERROR}/{@code ERROR}, or stopped
 * ({@code PENDING_SHUTDOWN}/{@code NOT_RUNNING}) without {@link #closing()} having been called, or
 * {@link #THREAD_DEATHS} stream-thread deaths within {@link #THREAD_DEATH_WINDOW}: each dead thread is replaced, but a
 * thread that keeps dying processes nothing. A broker outage is not one of them (restarting would not bring the broker
 * back): it fails readiness, which needs Kafka Streams {@code RUNNING} and an answer from the cluster within
 * {@link #CLUSTER_SILENCE_MAX}, because Kafka Streams stays {@code RUNNING} through a whole outage.
 *
 * <p>Thread-safe: the stream threads, the probe and the HTTP threads call it concurrently.
 */
public final class Health {

    /** Liveness fails at this many stream-thread deaths within {@link #THREAD_DEATH_WINDOW}. */
    public static final int THREAD_DEATHS = 3;
    public static final Duration THREAD_DEATH_WINDOW = Duration.ofMinutes(5);
    /** Readiness fails when the cluster has not answered for this long. */
    public static final Duration CLUSTER_SILENCE_MAX = Duration.ofSeconds(15);
    /** How often {@link ClusterProbe} asks the cluster, and how long it waits for each answer. */
    public static final Duration PROBE_INTERVAL = Duration.ofSeconds(3);
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String cluster;
    private final LongSupplier nanoTime;
    private final long started;
    /** The last {@link #THREAD_DEATHS} deaths' times, a ring: the oldest one decides whether they all fall in the window. */
    private final long[] deaths = new long[THREAD_DEATHS];
    private int deathCount;
    private long lastAnswer;
    private boolean answered;
    private String lastFailure;
    private volatile boolean closing;

    /**
     * @param cluster  the bootstrap servers, named in the reasons
     * @param nanoTime a monotonic clock, {@code System::nanoTime}
     */
    public Health(String cluster, LongSupplier nanoTime) {
        this.cluster = cluster;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** A stream thread died of an uncaught exception (and was replaced). */
    public synchronized void threadDied() {
        deaths[deathCount % THREAD_DEATHS] = nanoTime.getAsLong();
        deathCount++;
    }

    /** The application is shutting down: Kafka Streams stopping is then expected, not a failure. */
    public void closing() {
        closing = true;
    }

    /** The cluster answered the probe. */
    public synchronized void clusterAnswered() {
        lastAnswer = nanoTime.getAsLong();
        answered = true;
        lastFailure = null;
    }

    /** The probe got no answer; {@code why} is kept for the reason. */
    public synchronized void clusterFailed(String why) {
        lastFailure = why;
    }

    /** Liveness, for Kafka Streams in {@code state}. */
    public synchronized Verdict alive(KafkaStreams.State state) {
        switch (state) {
            case PENDING_ERROR, ERROR -> {
                return Verdict.fail("Kafka Streams is in " + state + " and cannot recover by itself");
            }
            case PENDING_SHUTDOWN, NOT_RUNNING -> {
                if (!closing) {
                    return Verdict.fail("Kafka Streams is " + state + " but no shutdown was asked for");
                }
            }
            default -> {
            }
        }
        if (deathCount >= THREAD_DEATHS) {
            long oldest = deaths[deathCount % THREAD_DEATHS];
            long age = nanoTime.getAsLong() - oldest;
            if (age <= THREAD_DEATH_WINDOW.toNanos()) {
                return Verdict.fail(THREAD_DEATHS + " stream threads died within the last " + seconds(age)
                        + " s (unhealthy at " + THREAD_DEATHS + " within " + THREAD_DEATH_WINDOW.toMinutes() + " min)");
            }
        }
        return Verdict.pass();
    }

    /** Readiness, for Kafka Streams in {@code state}. */
    public synchronized Verdict ready(KafkaStreams.State state) {
        long now = nanoTime.getAsLong();
        long silence = now - (answered ? lastAnswer : started);
        if (!answered || silence > CLUSTER_SILENCE_MAX.toNanos()) {
            String reason = answered
                    ? "cannot reach the Kafka cluster at " + cluster + " for " + seconds(silence) + " s"
                    : "no answer yet from the Kafka cluster at " + cluster + " (asking for " + seconds(silence) + " s)";
            return Verdict.fail(lastFailure == null ? reason : reason + ": " + lastFailure);
        }
        if (state != KafkaStreams.State.RUNNING) {
            return Verdict.fail("Kafka Streams is " + state + ", not RUNNING");
        }
        return Verdict.pass();
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
