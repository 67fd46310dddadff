package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misconfiguration is loud: one error line, exit 2, whichever source it comes from. */
class ConfigErrorsTest {

    private static void assertUsageError(CliRun r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "no '" + f + "' in: " + r.err());
        }
    }

    @Test
    void anUnknownKeyInSetIsAnErrorWithTheDeclaredKeyItMeans() {
        assertUsageError(CliRun.run("config", "--set", "chow.windw=100"),
                "unknown key 'chow.windw' in --set, did you mean 'chow.window'?");
    }

    @Test
    void anUnknownKeyInThePropertiesFileIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickcast.properties");
        Files.writeString(file, "model.horizn=3\nssl.truststore.location=/x\n");
        assertUsageError(CliRun.run("config", "--config", file.toString()),
                "unknown key 'model.horizn' in " + file, "did you mean 'model.horizon'?");
    }

    @Test
    void anUnknownEnvironmentVariableIsAnErrorNamingTheVariable() {
        ConfigOptions o = new ConfigOptions();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.load(Map.of("TICKCAST_CHOW_WINDW", "5"), null));
        assertTrue(e.getMessage().contains(
                "unknown key 'chow.windw' from TICKCAST_CHOW_WINDW, did you mean 'chow.window' (TICKCAST_CHOW_WINDOW)?"),
                e.getMessage());
        // The launcher's and the tools' variables are not configuration.
        o.load(Map.of("TICKCAST_JAVA_OPTS", "-Xmx1g", "TICKCAST_BENCH", "/data"), null);
    }

    @Test
    void aPluginsOwnKeysPassWhenConfigExtraKeysNamesThem() {
        CliRun r = CliRun.run("config", "--set", "config.extra.keys=confluent.monitoring.,my.plugin.key",
                "--set", "confluent.monitoring.interceptor.topic=m", "--set", "my.plugin.key=1");
        assertEquals(0, r.code(), r.err());
        assertUsageError(CliRun.run("config", "--set", "config.extra.keys=my.plugin.key", "--set", "my.plugin.keys=1"),
                "unknown key 'my.plugin.keys' in --set");
    }

    @Test
    void aKeyFarFromEveryDeclaredOneGetsNoSuggestion() {
        CliRun r = CliRun.run("config", "--set", "frobnicate=1");
        assertUsageError(r, "unknown key 'frobnicate' in --set");
        assertFalse(r.err().contains("did you mean"), r.err());
    }

    @Test
    void kafkaKeysPlainOrBehindAStreamsPrefixPassThrough() {
        ConfigOptions o = new ConfigOptions();
        o.overrides.putAll(Map.of("ssl.truststore.location", "/x", "consumer.max.poll.records", "10",
                "main.consumer.fetch.min.bytes", "1", "producer.linger.ms", "5", "admin.retries", "1",
                "topic.cleanup.policy", "compact", "num.standby.replicas", "1"));
        TickcastConfig c = o.load(Map.of(), null);
        assertEquals("compact", c.streamsProperties().get("topic.cleanup.policy"));
        o.overrides.put("consumer.linger.ms", "5"); // a producer key behind the consumer prefix
        assertThrows(IllegalArgumentException.class, () -> o.load(Map.of(), null));
    }

    @Test
    void dataDirWithBootstrapServersIsAnError(@TempDir Path dir) {
        assertUsageError(CliRun.run("run", "--bootstrap", "127.0.0.1:1", "--data-dir", dir.toString()),
                "--data-dir applies to the embedded broker only", "state.dir");
        assertUsageError(CliRun.run("demo", "--set", "bootstrap.servers=127.0.0.1:1", "--data-dir", dir.toString()),
                "--data-dir applies to the embedded broker only");
    }

    @Test
    void configShowsTheKafkaKeysWithSecretsRedacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickcast.properties");
        Files.writeString(file, String.join("\n", "security.protocol=SASL_SSL", "ssl.truststore.location=/tls/ts.p12",
                "ssl.truststore.password=pw-one", "producer.ssl.key.password=pw-two",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required password=\"pw-three\";",
                "ssl.keystore.key=pem-four", "sasl.oauthbearer.client.credentials.client.secret=pw-five", ""));
        CliRun r = CliRun.run("config", "--config", file.toString(), "--bootstrap", "broker:9093");
        assertEquals(0, r.code(), r.err());
        for (String line : new String[] {"bootstrap.servers=broker:9093", "security.protocol=SASL_SSL",
                "ssl.truststore.location=/tls/ts.p12", "ssl.truststore.password=[redacted]",
                "producer.ssl.key.password=[redacted]", "sasl.jaas.config=[redacted]", "ssl.keystore.key=[redacted]",
                "sasl.oauthbearer.client.credentials.client.secret=[redacted]", "application.id=tickcast"}) {
            assertTrue(r.out().lines().anyMatch(line::equals), "no line " + line + " in:\n" + r.out());
        }
        assertFalse(r.out().contains("pw-") || r.out().contains("pem-"), r.out());
    }
}
