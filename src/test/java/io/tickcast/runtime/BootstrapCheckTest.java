package io.tickcast.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapCheckTest {

    @Test
    void bootstrapServersParseAsHostAndPortIpv6InBrackets() {
        List<BootstrapCheck.Server> a = BootstrapCheck.servers("127.0.0.1:9092, [::1]:9093,");
        assertEquals(2, a.size());
        assertEquals(9092, a.get(0).address().getPort());
        assertEquals("[::1]:9093", a.get(1).name());
        assertTrue(a.get(1).address().getAddress().isLoopbackAddress());
        for (String bad : new String[] {"kafka", "kafka:", "kafka:x", "kafka:70000", " , "}) {
            assertThrows(IllegalArgumentException.class, () -> BootstrapCheck.servers(bad), bad);
        }
    }

    @Test
    void everyRefusingServerIsNamed() {
        UnreachableClusterException e = assertThrows(UnreachableClusterException.class,
                () -> BootstrapCheck.require(Map.of("bootstrap.servers", "127.0.0.1:1,127.0.0.1:2"), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().equals("cannot reach bootstrap servers 127.0.0.1:1,127.0.0.1:2 within 2 s: "
                + "connection refused by 127.0.0.1:1; connection refused by 127.0.0.1:2"), e.getMessage());
    }
}
