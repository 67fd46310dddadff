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
        assertEquals("1991-07-01T00:01:00Z DAX fixed statistic=5.5 threshold=2.29 p=0.0001 SIGNAL break at 1991-07-01",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", b), "a record from before statistic and threshold");
        // The default mode, a tick: no critical value, no p-value (nothing printed for them).
        String tick = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"alpha\":0.05,\"window\":180,\"k\":2,"
                + "\"mode\":\"cusum\",\"signal\":false,\"cusum\":0.345,\"cusum_crit\":8.72,\"statistic\":0.345,"
                + "\"threshold\":8.72}";
        assertEquals("1991-07-01 DAX cusum statistic=0.345 threshold=8.72",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", tick));
        // An alarm the bend check dismissed: above the threshold, no signal, and it says why.
        String dismissed = tick.replace("0.345", "9.31").replace("}", ",\"dismissed\":true}");
        assertEquals("1991-07-01 DAX cusum statistic=9.31 threshold=8.72 alarm dismissed: a bend, not a break",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", dismissed));
        String warming = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"alpha\":0.05,\"window\":3,\"k\":2,"
                + "\"mode\":\"cusum\",\"signal\":false,\"cusum_crit\":8.72,\"threshold\":8.72}";
        assertEquals("1991-07-01 DAX cusum statistic=undefined threshold=8.72",
                TailCommand.format(TailCommand.Topic.breaks, "DAX", warming));
        // A signal: the break's date and interval, what changed, the score.
        String seg = "{\"symbol\":\"S0\",\"ts\":1704125400000,\"break_ts\":1704124200000,\"alpha\":0.05,"
                + "\"window\":80,\"k\":2,\"mode\":\"cusum\",\"signal\":true,\"break_lower_ts\":1704123600000,"
                + "\"break_upper_ts\":1704124800000,\"statistic\":14.2,\"threshold\":10,\"change\":{\"kind\":\"slope\","
                + "\"before\":{\"level\":101.5,\"slope\":0.02,\"sd\":0.8},\"after\":{\"level\":101.9,\"slope\":-0.35}},"
                + "\"score\":0.97}";
        assertEquals("2024-01-01T16:10:00Z S0 cusum statistic=14.2 threshold=10 SIGNAL break at 2024-01-01T15:50:00Z"
                        + " [2024-01-01T15:40:00Z, 2024-01-01T16:00:00Z] change slope: level 101.5 → 101.9,"
                        + " slope 0.02 → -0.35, sd 0.8 → - score=0.97",
                TailCommand.format(TailCommand.Topic.breaks, "S0", seg));
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
