package io.tickcast.stream;

import io.tickcast.forecast.OnlineExpert;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seasonal naive of a week on the panel of hourly values' daily period, and panels stored without it. */
class PanelWeekTest {

    private static final int H = 48;

    private static List<String> names(List<OnlineExpert> experts) {
        return experts.stream().map(OnlineExpert::name).toList();
    }

    @Test
    void onlyTheDailyPeriodOfHourlyValuesHasAWeek() {
        List<String> hourly = names(Panel.experts(24, H));
        assertEquals(List.of("persistence", "snaive", "snaive_w"), hourly.subList(0, 3));
        assertFalse(names(Panel.experts(24, H, false)).contains("snaive_w"));
        for (int period : new int[] {1, 4, 7, 12, 52, 168}) {
            assertFalse(names(Panel.experts(period, H)).contains("snaive_w"), "period " + period);
        }
        assertEquals(names(Panel.experts(24, H, false)).size() + 1, hourly.size());
    }

    /**
     * A panel stored before version 7 (without the week) is read as it was written and tells that it lacks the week;
     * rebuilt for its period, it has it, and forecasts a week back where the week's naive is awake.
     */
    @Test
    void aPanelStoredWithoutTheWeekIsReadThenRebuiltWithIt() {
        RecentValues values = new RecentValues(ForecastSettings.MIN_HISTORY);
        io.tickcast.forecast.Seasonality season = new io.tickcast.forecast.Seasonality(24, ForecastSettings.MIN_HISTORY);
        Panel legacy = new Panel(24, H, true, null, false);
        for (int t = 0; t < 2 * 168; t++) {
            values.push(3_600_000L * t, 10 + (t % 168) * 0.5);
            season.observe(3_600_000L * t, values);
            legacy.observe(values, 1.0);
        }
        assertTrue(season.on(), "a trusted period");
        ByteBuffer b = ByteBuffer.allocate(legacy.stateBytes(false));
        legacy.write(b, false); // as version 6 wrote it
        b.flip();
        Panel read = Panel.read(b.duplicate(), H, true, null, false);
        assertTrue(read.lacksWeek());
        assertEquals(legacy.names(), read.names());
        assertThrows(IllegalArgumentException.class, () -> Panel.read(b.duplicate(), H, true, null, true));

        Panel rebuilt = read.withPeriod(24, values, 1.0, true);
        assertFalse(rebuilt.lacksWeek());
        assertEquals(names(Panel.experts(24, H)), rebuilt.names());
        int k = rebuilt.size();
        double[][] levels = new double[H][k];
        boolean[] awake = new boolean[k];
        rebuilt.forecast(values, new BaseForecasts(8, H), season, 1.0, 1.0, levels, awake, new double[H]);
        int w = rebuilt.names().indexOf("snaive_w");
        double[] week = new double[H];
        double[] expected = new double[H];
        for (int h = 0; h < H; h++) {
            week[h] = levels[h][w];
            expected[h] = values.back(167 - h);
        }
        assertTrue(awake[w]);
        assertArrayEquals(expected, week, 0.0);
        ByteBuffer again = ByteBuffer.allocate(rebuilt.stateBytes());
        rebuilt.write(again);
        again.flip();
        assertFalse(Panel.read(again, H, true, null).lacksWeek());
    }
}
