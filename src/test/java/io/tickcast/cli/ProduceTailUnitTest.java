package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Kafka-free parts of produce and tail: errors without a broker, tail's line formats. */
class ProduceTailUnitTest {

    @Test
    void produceAndTailWithoutABrokerFailClearly() {
        CliRun r = CliRun.run("produce", "--csv", "src/main/resources/data/eustockmarkets.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bootstrap"), r.err());
        r = CliRun.run("tail", "forecasts");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bootstrap"), r.err());
        r = CliRun.run("tail", "ticks", "--bootstrap", "localhost:1");
        assertEquals(2, r.code());
    }

    @Test
    void tailLineFormats() {
        String f = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"value\":1628.75,\"steps\":[{\"step\":1,\"forecast\":1630.123456,"
                + "\"lower\":1600,\"upper\":1660.5,\"persistence\":1628.75}],\"source\":\"lstm\",\"warmup\":false,"
                + "\"ticks\":100,\"updates\":3}";
        assertEquals("1991-07-01 DAX 1628.75 → 1630.123 [1600, 1660.5] (persistence 1628.75, lstm)",
                TailCommand.format(TailCommand.Topic.forecasts, "DAX", f));
        String odd = f.replace("\"updates\":3}", "\"updates\":3,\"anomaly\":{\"p_value\":0.0099,\"flag\":true}}");
        assertEquals("1991-07-01 DAX 1628.75 → 1630.123 [1600, 1660.5] (persistence 1628.75, lstm) ANOMALY (p 0.0099)",
                TailCommand.format(TailCommand.Topic.forecasts, "DAX", odd));
        // Every field tail prints is in schemas/forecast.schema.json; further steps follow the first.
        String two = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"value\":10,\"steps\":[{\"step\":1,\"forecast\":11,"
                + "\"lower\":9,\"upper\":13,\"persistence\":10},{\"step\":2,\"forecast\":12,\"lower\":8,\"upper\":16,"
                + "\"persistence\":10}],\"source\":\"persistence\",\"warmup\":true,\"ticks\":3,\"updates\":0}";
        assertEquals("1991-07-01 DAX 10 → 11 [9, 13] (persistence 10, persistence) | h2 → 12 [8, 16]",
                TailCommand.format(TailCommand.Topic.forecasts, "DAX", two));
        // Once the spacing is known, the steps carry their times: the line ends with the last one's.
        String timed = two.replace("\"persistence\":10}]", "\"persistence\":10,\"ts\":678499200000}]");
        assertEquals("1991-07-01 DAX 10 → 11 [9, 13] (persistence 10, persistence) | h2 → 12 [8, 16]; h2 for 1991-07-03",
                TailCommand.format(TailCommand.Topic.forecasts, "DAX", timed));
        String b = "{\"symbol\":\"DAX\",\"ts\":678326460000,\"break_ts\":678326400000,\"f\":5.5,\"f_crit\":2.29,"
                + "\"p_value\":0.0001,\"alpha\":0.05,\"window\":120,\"k\":6,\"mode\":\"fixed\",\"signal\":true}";
        assertEquals("1991-07-01T00:01:00Z DAX F=5.5 crit=2.29 p=0.0001 SIGNAL (break at 1991-07-01)",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", b));
        String d = "{\"reason\":\"malformed_json\",\"detail\":\"Unexpected end\",\"topic\":\"ticks\",\"partition\":0,"
                + "\"offset\":7,\"key\":\"DAX\",\"value\":\"{oops\"}";
        assertEquals("malformed_json \"Unexpected end\" DAX {oops", TailCommand.format(TailCommand.Topic.dlq, "DAX", d));
        String cut = "{\"reason\":\"bad_key\",\"detail\":\"record key is not UTF-8\",\"partition\":0,\"offset\":8,"
                + "\"key_base64\":\"/w==\",\"value\":\"{\\\"symbol\\\"\",\"value_bytes\":900000}";
        assertEquals("bad_key \"record key is not UTF-8\" base64:/w== {\"symbol\"… (900000 bytes)",
                TailCommand.format(TailCommand.Topic.dlq, null, cut));
        assertTrue(TailCommand.format(TailCommand.Topic.dlq, null, "not json").startsWith("(unparsable)"));
    }
}
