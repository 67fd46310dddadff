package io.tickcast.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the cluster to describe itself every few seconds, on a daemon thread, and tells {@link Health} whether it
 * answered: Kafka Streams stays {@code RUNNING} while no broker can be reached, so readiness needs a check of its own.
 * A {@code describeCluster} is one small request to one broker; the Admin client keeps its connection between calls.
 */
final class ClusterProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);

    private final Admin admin;
    private final Health health;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;

    private ClusterProbe(Admin admin, Health health, Duration timeout) {
        this.admin = admin;
        this.health = health;
        this.timeout = timeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickcast-cluster-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts probing at once, then every {@link Health#PROBE_INTERVAL}.
     *
     * @param adminProps the Admin client's properties: bootstrap servers and the same security keys as the application
     */
    static ClusterProbe start(Map<String, Object> adminProps, Health health) {
        return start(adminProps, health, Health.PROBE_INTERVAL, Health.PROBE_TIMEOUT);
    }

    /** As above with another interval and timeout (the tests' are short). */
    static ClusterProbe start(Map<String, Object> adminProps, Health health, Duration interval, Duration timeout) {
        Map<String, Object> props = new HashMap<>(adminProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tickcast-cluster-probe");
        // Give up on a call in time for the next one; never let the client retry behind the probe's back.
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        ClusterProbe probe = new ClusterProbe(Admin.create(props), health, timeout);
        probe.scheduler.scheduleWithFixedDelay(probe::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    private void probe() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            health.clusterAnswered();
        } catch (ExecutionException e) {
            health.clusterFailed(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            health.clusterFailed("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Never let an exception end the schedule: the probe would stop and readiness fail for good.
            LOG.warn("cluster probe failed", e);
            health.clusterFailed(e.toString());
        }
    }

    /** Stops probing without waiting for a call in flight: shutting down never hangs on an unreachable cluster. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ZERO);
    }
}
