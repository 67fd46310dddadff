package io.tickcast.it;

import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The live page in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) through
 * Selenium, against a running tickcast on the embedded broker. The page lists the symbols, sorts and searches them,
 * opens a symbol from the keyboard, draws the forecasts that the forecasts topic holds and the break signals that the
 * breaks topic holds, follows new ticks without reloading, fits a phone's width and logs no console errors. It leaves
 * screenshots in {@code target/}.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class LivePageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EU_TICKS = 200;
    private static final int SHIFT_TICKS = 160;
    private static final long DAY = 86_400_000L;

    @Test
    void thePageShowsEachSymbolsForecastsAndBreaksAndFollowsNewTicks(KafkaBroker.Broker broker, @TempDir Path profile)
            throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("headless Chromium is needed: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "page");
        cfg.put(TickcastConfig.CHOW_WINDOW, "40");
        cfg.put(TickcastConfig.TRAIN_EVERY, "16");
        cfg.put(TickcastConfig.TRAIN_MIN, "20");
        String ticksTopic = (String) cfg.get(TickcastConfig.TOPIC_TICKS);
        List<String[]> ticks = euStockMarkets(EU_TICKS);
        ticks.addAll(shift(0, SHIFT_TICKS));
        Set<String> symbols = new TreeSet<>(List.of("CAC", "DAX", "FTSE", "SHIFT", "SMI"));

        try (TickcastApp app = ItSupport.startApp(cfg)) {
            ItSupport.produce(broker.bootstrapServers(), ticksTopic, ticks);
            List<Forecast> forecasts = ItSupport.values(ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_FORECASTS), l -> l.size() >= ticks.size(), Duration.ofMinutes(3)),
                    Forecast.class);
            assertEquals(ticks.size(), forecasts.size());
            List<BreakSignal> breaks = breaks(broker, cfg, "SHIFT");
            assertTrue(breaks.size() >= 1, "the level shift is signalled (the test's data is as meant)");

            WebDriver browser = chromium(profile);
            try {
                JavascriptExecutor js = (JavascriptExecutor) browser;
                browser.get("http://127.0.0.1:" + app.httpPort() + "/");

                // The overview lists every symbol, with the ticks each has had.
                await(browser, b -> rowSymbols(b).size() == symbols.size());
                assertEquals(new ArrayList<>(symbols), rowSymbols(browser), "sorted by symbol");
                assertEquals(EU_TICKS + " ticks", cellOf(browser, "DAX", 2).findElement(By.className("sub")).getText());
                assertEquals("5 symbols", browser.findElement(By.id("count")).getText());

                // Sorting: the same heading again turns the order round.
                browser.findElement(By.cssSelector("th[data-sort=symbol] button")).click();
                await(browser, b -> rowSymbols(b).get(0).equals("SMI"));
                List<String> descending = new ArrayList<>(symbols);
                descending.sort(java.util.Comparator.reverseOrder());
                assertEquals(descending, rowSymbols(browser));
                assertEquals("descending", browser.findElement(By.cssSelector("th[data-sort=symbol]"))
                        .getAttribute("aria-sort"));
                browser.findElement(By.cssSelector("th[data-sort=symbol] button")).click();
                await(browser, b -> rowSymbols(b).get(0).equals("CAC"));

                // Search, from the keyboard: "/" goes to the search box.
                keys(browser, "/");
                assertEquals("search", activeId(js));
                keys(browser, "fts");
                await(browser, b -> rowSymbols(b).equals(List.of("FTSE")));
                browser.findElement(By.id("search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                await(browser, b -> rowSymbols(b).size() == symbols.size());
                screenshot(browser, "live-page-overview.png");

                // Arrow keys move between the symbols; Enter opens one.
                WebElement first = browser.findElement(By.cssSelector("#symbols-table tbody a"));
                first.sendKeys(Keys.ARROW_DOWN);
                assertEquals("DAX", js.executeScript("return document.activeElement.dataset.symbol"));
                keys(browser, Keys.ENTER);
                await(browser, b -> b.getCurrentUrl().endsWith("#/s/DAX"));

                // DAX's chart: the actual values and the one-step forecasts of the forecasts topic.
                List<Forecast> dax = forecasts.stream().filter(f -> f.symbol().equals("DAX")).toList();
                awaitSeries(browser, 1, dax.size());
                assertEquals(dax.stream().map(f -> f.ts() / 1000.0).toList(), chartColumn(js, 0).subList(0, dax.size()),
                        "the ticks' times");
                assertEquals(dax.stream().map(Forecast::value).toList(), chartColumn(js, 1).subList(0, dax.size()),
                        "the actual values");
                List<Double> oneStep = chartColumn(js, 2);
                for (int i = 1; i < dax.size(); i++) {
                    assertEquals(dax.get(i - 1).steps().get(0).forecast(), oneStep.get(i), 1e-9,
                            "the one-step forecast made at tick " + i);
                }
                assertEquals(dax.get(dax.size() - 1).steps().get(0).forecast(), chartColumn(js, 5).get(dax.size()),
                        1e-9, "the forecast ahead");
                assertTrue(nonBlankPixels(js, "#forecast-chart") > 0.02, "the forecast chart is drawn");
                Set<String> experts = new LinkedHashSet<>(dax.get(dax.size() - 1).experts().keySet());
                await(browser, b -> experts.equals(chartLabels(js, "experts")));
                assertTrue(nonBlankPixels(js, "#experts-chart") > 0.01, "the experts' chart is drawn");
                assertEquals("DAX", browser.findElement(By.id("symbol-title")).getText());
                screenshot(browser, "live-page.png");

                // The legend explains every expert of the chart; the facts say the season's period.
                await(browser, b -> b.findElements(By.cssSelector("#experts-legend dt")).stream()
                        .map(WebElement::getText).collect(Collectors.toSet()).containsAll(experts));
                for (WebElement dd : browser.findElements(By.cssSelector("#experts-legend dd"))) {
                    assertTrue(!dd.getText().isBlank(), "an explanation");
                }
                assertTrue(browser.findElement(By.id("facts")).getText().contains("Season period"));

                // A drag zooms (and the refreshes keep the zoom); "Reset zoom" restores the data's range.
                assertTrue(browser.findElement(By.id("zoom-hint")).getText().contains("zoom"));
                WebElement over = browser.findElement(By.cssSelector("#forecast-chart .u-over"));
                new Actions(browser).moveToElement(over, -over.getSize().getWidth() / 4, 0).clickAndHold()
                        .moveByOffset(over.getSize().getWidth() / 3, 0).release().perform();
                assertEquals(Boolean.TRUE, js.executeScript("return window.tickcast.zoomed"), "zoomed by the drag");
                int beforeZoomRefresh = ((Number) js.executeScript("return window.tickcast.refreshes")).intValue();
                await(browser, b -> ((Number) js.executeScript("return window.tickcast.refreshes")).intValue()
                        > beforeZoomRefresh + 1);
                assertTrue((Boolean) js.executeScript("const u = window.tickcast.charts.forecast;"
                        + "return u.scales.x.min > u.data[0][0] && u.scales.x.max < u.data[0][u.data[0].length - 1]"),
                        "still zoomed after a refresh");
                browser.findElement(By.id("reset-zoom")).click();
                assertEquals(Boolean.TRUE, js.executeScript("const u = window.tickcast.charts.forecast;"
                        + "return u.scales.x.min === u.data[0][0] && u.scales.x.max === u.data[0][u.data[0].length - 1]"),
                        "the full range again");

                // The last 100 ticks only, and the CSV of what is shown.
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("range"))).selectByValue("100");
                awaitSeries(browser, 1, 100);
                String csv = (String) js.executeScript("return window.tickcast.csv()");
                List<String> lines = csv.lines().toList();
                assertEquals("ts,value,forecast,lower,upper,anomaly", lines.get(0));
                assertEquals(101, lines.size(), "a line per point shown");
                assertEquals(dax.get(dax.size() - 1).ts(), java.time.Instant.parse(lines.get(100).split(",")[0])
                        .toEpochMilli(), "the latest tick last, its time in ISO 8601");
                assertEquals(dax.get(dax.size() - 1).value(), Double.parseDouble(lines.get(100).split(",")[1]));
                // The choice holds for the other symbols too: back to all the ticks kept.
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("range"))).selectByValue("");
                awaitSeries(browser, 1, dax.size());

                // Escape goes back to the overview, with the focus on the symbol it came from.
                keys(browser, Keys.ESCAPE);
                await(browser, b -> !b.findElement(By.id("symbol")).isDisplayed() && rowSymbols(b).size() == 5);
                await(browser, b -> "DAX".equals(js.executeScript("return document.activeElement.dataset.symbol")));

                // SHIFT's view: the break signals of the breaks topic, as markers and in the table.
                browser.get("http://127.0.0.1:" + app.httpPort() + "/#/s/SHIFT");
                awaitSeries(browser, 1, SHIFT_TICKS);
                assertEquals(breaks.size(), nonNull(chartColumn(js, 8)), "a marker where each break was signalled");
                // The daily series' candidate period (7) is not confirmed: the facts say so.
                Map<?, ?> snapshot = (Map<?, ?>) ((JavascriptExecutor) browser).executeAsyncScript(
                        "fetch('/symbols/SHIFT').then(r => r.json()).then(arguments[arguments.length - 1])");
                Object candidate = snapshot.get("candidate_period");
                assertTrue(candidate != null && !candidate.equals(snapshot.get("period")), "the test's data is as meant");
                await(browser, b -> b.findElement(By.id("facts")).getText()
                        .contains("candidate " + candidate + ": not confirmed yet"));
                long estimated = breaks.stream().map(BreakSignal::breakTs).filter(Objects::nonNull).distinct().count();
                assertEquals(estimated, nonNull(chartColumn(js, 9)), "a marker at each estimated break");
                // The detector's card names the default mode, its statistic against its threshold and the last break.
                BreakSignal last = breaks.get(breaks.size() - 1);
                await(browser, b -> b.findElement(By.id("facts")).getText().contains("Sequential CUSUM"));
                String facts = browser.findElement(By.id("facts")).getText();
                assertTrue(facts.matches("(?s).*Sequential CUSUM\\s+statistic (\\S+ / threshold \\S+|undefined \\(threshold \\S+\\)).*"),
                        facts);
                assertTrue(facts.contains(breaks.size() + (breaks.size() == 1 ? " signal" : " signals")), facts);
                assertTrue(facts.contains("last break " + fmtDay(last.breakTs())), facts);
                assertFalse(facts.contains("Chow"), "the default mode is not the Chow test: " + facts);
                // The cursor on an estimated break's marker: a tooltip with the break's date, interval and detector.
                Object tip = js.executeScript("const u = window.tickcast.charts.forecast;"
                        + "const i = u.data[9].findIndex(v => v !== null);"
                        + "u.setCursor({left: u.valToPos(u.data[0][i], 'x'), top: u.valToPos(u.data[9][i], 'y')});"
                        + "const t = document.getElementById('break-tip');"
                        + "return t.hidden ? null : t.textContent");
                BreakSignal dated = breaks.stream().filter(b -> b.breakTs() != null).findFirst().orElseThrow();
                assertNotNull(tip, "a tooltip on the estimated break's marker");
                assertTrue(tip.toString().startsWith("Break at " + fmtDay(dated.breakTs())), tip.toString());
                assertTrue(tip.toString().contains("Sequential CUSUM signalled " + fmtDay(dated.ts())), tip.toString());
                assertTrue(tip.toString().contains("threshold"), tip.toString());
                assertNotNull(dated.change(), "the monitor's signal says what changed");
                // the kind the record says (level, slope, variance or dynamics), then the magnitudes
                assertTrue(tip.toString().contains(dated.change().kind() + " change: level "), tip.toString());
                assertTrue(facts.matches("(?s).*\\((level|slope|variance|dynamics) change: level .*"),
                        "the card says what changed: " + facts);
                if (dated.breakLowerTs() != null) {
                    assertTrue(tip.toString().contains("interval " + fmtDay(dated.breakLowerTs())), tip.toString());
                }
                js.executeScript("window.tickcast.charts.forecast.setCursor({left: -10, top: -10})");
                // The table: the detector, its statistic and threshold (no F, critical value or p-value of the Chow test).
                List<WebElement> cells = browser.findElements(By.cssSelector("#breaks-table tbody tr:first-child td"));
                assertEquals("Sequential CUSUM", cells.get(2).getText());
                assertFalse(cells.get(4).getText().equals("—"), "a threshold");
                assertTrue(browser.findElement(By.cssSelector("#breaks-table thead")).getText().contains("Threshold"));
                long flagged = forecasts.stream().filter(f -> f.symbol().equals("SHIFT") && f.anomaly() != null
                        && f.anomaly().flag()).count();
                assertTrue(flagged > 0, "the level shift of 30 noise sd is an anomaly");
                assertEquals(flagged, nonNull(chartColumn(js, 10)), "a marker at each anomaly");
                assertEquals(breaks.size(), browser.findElements(By.cssSelector("#breaks-table tbody tr")).size());
                assertEquals(fmtDay(breaks.get(breaks.size() - 1).ts()),
                        browser.findElement(By.cssSelector("#breaks-table tbody tr td")).getText(), "latest first");
                screenshot(browser, "live-page-breaks.png");

                // Live: new ticks appear without a reload.
                js.executeScript("window.notReloaded = true");
                int refreshes = ((Number) js.executeScript("return window.tickcast.refreshes")).intValue();
                ItSupport.produce(broker.bootstrapServers(), ticksTopic, shift(SHIFT_TICKS, 10));
                awaitSeries(browser, 1, SHIFT_TICKS + 10);
                assertEquals((SHIFT_START + (SHIFT_TICKS + 9) * DAY) / 1000.0, chartColumn(js, 0).get(SHIFT_TICKS + 9),
                        "the latest tick is the last point");
                assertEquals(Boolean.TRUE, js.executeScript("return window.notReloaded === true"), "not reloaded");
                assertTrue(((Number) js.executeScript("return window.tickcast.refreshes")).intValue() > refreshes);

                // The overview follows too, and fits a phone's width.
                keys(browser, Keys.ESCAPE);
                await(browser, b -> rowSymbols(b).size() == 5);
                await(browser, b -> cellOf(b, "SHIFT", 2).getText().contains((SHIFT_TICKS + 10) + " ticks"));
                viewport(browser, 390, 844);
                long overflow = ((Number) js.executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(overflow <= 0, "no sideways scrolling at a phone's width: " + overflow + " px too wide");
                screenshot(browser, "live-page-phone.png");

                List<String> errors = new ArrayList<>();
                for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        errors.add(e.getMessage());
                    }
                }
                assertEquals(List.of(), errors, "the browser's console");
            } catch (AssertionError | RuntimeException e) {
                // What the browser showed and said, for the failure's diagnosis.
                screenshot(browser, "live-page-failure.png");
                Files.writeString(Path.of("target", "live-page-failure.log"), browser.manage().logs().get(LogType.BROWSER)
                        .getAll().stream().map(LogEntry::toString).collect(Collectors.joining("\n")));
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.resolve("chromium"), "--window-size=1280,800", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver is given: no Selenium Manager, which would download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        viewport(driver, 1280, 800);
        return driver;
    }

    /** Sizes the window so that the page itself (the viewport) is {@code width × height}. */
    private static void viewport(WebDriver browser, int width, int height) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(width, height));
        long dw = width - ((Number) js.executeScript("return window.innerWidth")).longValue();
        long dh = height - ((Number) js.executeScript("return window.innerHeight")).longValue();
        browser.manage().window().setSize(new Dimension((int) (width + dw), (int) (height + dh)));
        await(browser, b -> ((Number) js.executeScript("return window.innerWidth")).intValue() == width
                && ((Number) js.executeScript("return window.innerHeight")).intValue() == height);
    }

    private static void await(WebDriver browser, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Waits until the forecast chart's series has {@code count} non-null points. */
    private static void awaitSeries(WebDriver browser, int series, int count) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        await(browser, b -> {
            Object n = js.executeScript("const u = window.tickcast.charts.forecast;"
                    + "return u ? u.data[arguments[0]].filter(v => v !== null).length : -1", series);
            return ((Number) n).intValue() == count;
        });
    }

    /** A column of the forecast chart's data (0: the times in seconds), null where the series has no point. */
    private static List<Double> chartColumn(JavascriptExecutor js, int series) {
        List<?> column = (List<?>) js.executeScript(
                "return Array.from(window.tickcast.charts.forecast.data[arguments[0]])", series);
        // Selenium gives whole numbers as Long, others as Double.
        return column.stream().map(v -> v == null ? null : ((Number) v).doubleValue())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Presses keys on whatever has the focus, as a person at the keyboard would. */
    private static void keys(WebDriver browser, CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> chartLabels(JavascriptExecutor js, String chart) {
        Object labels = js.executeScript("const u = window.tickcast.charts[arguments[0]];"
                + "return u ? u.series.slice(1).map(s => s.label) : []", chart);
        return new LinkedHashSet<>((List<String>) labels);
    }

    private static long nonNull(List<Double> column) {
        return column.stream().filter(Objects::nonNull).count();
    }

    /** The share of the chart's canvas pixels that are not transparent. */
    private static double nonBlankPixels(JavascriptExecutor js, String selector) {
        Object share = js.executeScript("const c = document.querySelector(arguments[0] + ' canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }"
                + "return n / (c.width * c.height);", selector);
        return ((Number) share).doubleValue();
    }

    private static List<String> rowSymbols(WebDriver browser) {
        return browser.findElements(By.cssSelector("#symbols-table tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-symbol")).toList();
    }

    /** The overview's cell of a symbol's row, 1-based. */
    private static WebElement cellOf(WebDriver browser, String symbol, int column) {
        return browser.findElement(By.cssSelector("#symbols-table tbody tr[data-symbol='" + symbol + "'] td:nth-child("
                + column + ")"));
    }

    private static String activeId(JavascriptExecutor js) {
        return (String) js.executeScript("return document.activeElement.id");
    }

    private static String fmtDay(long ts) {
        return java.time.Instant.ofEpochMilli(ts).toString().substring(0, 10);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path png = Path.of("target", name);
        Files.write(png, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static List<BreakSignal> breaks(KafkaBroker.Broker broker, Map<String, Object> cfg, String symbol) {
        List<ConsumerRecord<String, String>> records = ItSupport.readUntil(broker.bootstrapServers(),
                (String) cfg.get(TickcastConfig.TOPIC_BREAKS), l -> false, Duration.ofSeconds(3));
        return ItSupport.values(records, BreakSignal.class).stream()
                .filter(b -> b.symbol().equals(symbol) && b.signal()).toList();
    }

    /** The bundled EuStockMarkets data's first {@code perSymbol} ticks of each index. */
    private static List<String[]> euStockMarkets(int perSymbol) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                LivePageIT.class.getResourceAsStream("/data/eustockmarkets.csv")), StandardCharsets.UTF_8))) {
            return TickCsv.read(in, 4L * perSymbol).stream().map(r -> new String[] {r.symbol(), r.json()})
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static final long SHIFT_START = 1_600_000_000_000L - 1_600_000_000_000L % DAY;

    /**
     * Daily ticks {@code from .. from + n - 1} of a seeded AR(1) around 100 that moves to 130 at tick 100: a break the
     * Chow test signals.
     */
    private static List<String[]> shift(int from, int n) {
        Random random = new Random(5);
        List<String[]> out = new ArrayList<>();
        double x = 100;
        for (int t = 0; t < from + n; t++) {
            double mean = t < 100 ? 100 : 130;
            x = mean + 0.5 * (x - mean) + random.nextGaussian();
            if (t >= from) {
                out.add(new String[] {"SHIFT", ItSupport.tickJson("SHIFT", SHIFT_START + t * DAY,
                        Math.round(x * 1e4) / 1e4)});
            }
        }
        return out;
    }
}
