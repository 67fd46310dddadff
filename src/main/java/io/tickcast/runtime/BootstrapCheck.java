package io.tickcast.runtime;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Start-up's first step against a cluster ({@code run}, {@code demo}, {@code produce}, {@code generate},
 * {@code tail}): do the bootstrap servers answer? Without it a wrong address shows up a
 * minute later as "Timed out waiting for a node assignment. Call: listTopics". Two steps, both within the time allowed:
 * a TCP connection to each server (fails at once on an unknown host or a refused connection), then an Admin
 * {@code describeCluster} with the application's security keys (fails on TLS or SASL, or when no Kafka answers).
 */
public final class BootstrapCheck {

    private BootstrapCheck() {
    }

    /**
     * Checks the configuration's bootstrap servers, with its security keys, within {@code startup.timeout.ms}.
     *
     * @throws UnreachableClusterException "cannot reach bootstrap servers X within N s: cause"
     */
    public static void require(TickcastConfig config) {
        require(Topics.adminProperties(config.streamsProperties()),
                Duration.ofMillis(config.getInt(TickcastConfig.STARTUP_TIMEOUT_MS)));
    }

    /**
     * @param adminProps the Admin client's properties: bootstrap servers and the application's security keys
     * @param timeout    the time allowed for both steps ({@code startup.timeout.ms})
     * @throws UnreachableClusterException "cannot reach bootstrap servers X within N s: cause"
     * @throws IllegalArgumentException    when the bootstrap servers are not HOST:PORT[,HOST:PORT...]
     */
    static void require(Map<String, Object> adminProps, Duration timeout) {
        String servers = String.valueOf(adminProps.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> refusals = new ArrayList<>();
        List<Server> list = servers(servers);
        for (int i = 0; i < list.size(); i++) {
            // A silent first server leaves the others their share of the time.
            String refusal = connect(list.get(i), remainingMs(deadline) / (list.size() - i));
            if (refusal == null) {
                describeCluster(adminProps, servers, timeout, deadline);
                return;
            }
            refusals.add(refusal);
        }
        throw new UnreachableClusterException(message(servers, timeout, String.join("; ", refusals)), null);
    }

    private static void describeCluster(Map<String, Object> adminProps, String servers, Duration timeout, long deadline) {
        int ms = (int) Math.max(1, remainingMs(deadline));
        Map<String, Object> props = new HashMap<>(adminProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tickcast-startup-check");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        Admin admin = null;
        try {
            admin = Admin.create(props);
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId().get(ms + 500L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnreachableClusterException(message(servers, timeout, cause(e.getCause())), e.getCause());
        } catch (TimeoutException e) {
            throw new UnreachableClusterException(message(servers, timeout, cause(e)), e);
        } catch (KafkaException e) {
            throw new UnreachableClusterException(message(servers, timeout, String.valueOf(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableClusterException("interrupted while connecting to " + servers, e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    /** What went wrong after a TCP connection succeeded. */
    private static String cause(Throwable t) {
        if (t instanceof SslAuthenticationException) {
            return "TLS handshake failed (" + t.getMessage() + ")";
        }
        if (t instanceof AuthenticationException) {
            return "authentication failed (" + t.getMessage() + ")";
        }
        if (t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof TimeoutException) {
            return "the port accepts connections but no Kafka broker answered (a TLS or SASL listener without "
                    + "security.protocol? a broker still starting?)";
        }
        return String.valueOf(t.getMessage());
    }

    /** One of the bootstrap servers: as given, and resolved (an unknown host stays unresolved). */
    record Server(String name, InetSocketAddress address) {
    }

    /** Null when a TCP connection succeeds, otherwise why it did not. */
    private static String connect(Server server, long timeoutMs) {
        String name = server.name();
        InetSocketAddress address = server.address();
        if (address.isUnresolved()) {
            return "unknown host " + address.getHostString();
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, timeoutMs));
            return null;
        } catch (ConnectException e) {
            return "connection refused by " + name;
        } catch (SocketTimeoutException e) {
            return "no answer from " + name;
        } catch (UnknownHostException e) {
            return "unknown host " + address.getHostString();
        } catch (IOException e) {
            return name + ": " + e.getMessage();
        }
    }

    /** {@code host:port,[::1]:port} as servers. */
    static List<Server> servers(String servers) {
        List<Server> out = new ArrayList<>();
        for (String s : servers.split(",")) {
            String server = s.trim();
            int colon = server.lastIndexOf(':');
            if (server.isEmpty()) {
                continue;
            }
            if (colon <= 0 || colon == server.length() - 1) {
                throw new IllegalArgumentException("bad bootstrap server '" + server + "': expected HOST:PORT");
            }
            String host = server.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad bootstrap server '" + server + "': the port is not a number");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("bad bootstrap server '" + server + "': no port " + port);
            }
            out.add(new Server(server, new InetSocketAddress(host, port)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap servers given");
        }
        return out;
    }

    private static String message(String servers, Duration timeout, String cause) {
        long ms = timeout.toMillis();
        String seconds = ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
        return "cannot reach bootstrap servers " + servers + " within " + seconds + " s: " + cause;
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
