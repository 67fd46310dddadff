import java.lang.reflect.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;

/**
 * Interleaved A/B of two builds of the LSTM (io.tickcast.model) in one JVM, one class loader each, timed by the
 * thread's CPU time (robust on a shared machine). Production shape: 6 inputs, H = 25, T = 5, batches of 16.
 * Usage (JDK 17 single-file source launch):
 *   java tools/LstmAB.java BEFORE/classes AFTER/classes CLASSPATH_FILE ROUNDS [op,op,...]
 * where CLASSPATH_FILE holds the dependencies (./mvnw -o -q dependency:build-classpath -Dmdep.outputFile=FILE) and
 * ops are fineTune64, youngTick, forecast, forecastTwoSymbols. See docs/performance.md.
 */
public class LstmAB {
    static final class V {
        final String name; final Object fine, young, other; final Method train, predict;
        V(String name, String classes, String deps) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>();
            urls.add(Paths.get(classes).toUri().toURL());
            for (String d : deps.split(":")) if (!d.isEmpty()) urls.add(Paths.get(d).toUri().toURL());
            ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> cfgC = cl.loadClass("io.tickcast.model.LstmConfig"), trC = cl.loadClass("io.tickcast.model.TrainConfig"), mC = cl.loadClass("io.tickcast.model.LstmModel");
            Object cb = cfgC.getMethod("builder").invoke(null);
            cb = cb.getClass().getMethod("inputSize", int.class).invoke(cb, 6);
            cb = cb.getClass().getMethod("hiddenSize", int.class).invoke(cb, 25);
            Object cfg = cb.getClass().getMethod("build").invoke(cb);
            Object tb = trC.getMethod("builder").invoke(null);
            tb = tb.getClass().getMethod("batchSize", int.class).invoke(tb, 16);
            Object tr = tb.getClass().getMethod("build").invoke(tb);
            Method create = mC.getMethod("create", cfgC, trC, long.class);
            fine = create.invoke(null, cfg, tr, 42L); young = create.invoke(null, cfg, tr, 43L); other = create.invoke(null, cfg, tr, 44L);
            train = mC.getMethod("train", double[][].class, double[][].class, int.class);
            predict = mC.getMethod("predict", double[].class, int.class, double[].class);
        }
    }
    static double[][] W = new double[64][30], T = new double[64][1];
    static double sink;
    static long op(V v, String what, int reps) throws Exception {
        double[] out = new double[1];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean(); long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            switch (what) {
                case "fineTune64" -> sink += (double) v.train.invoke(v.fine, W, T, 5);
                case "youngTick" -> { int s = (i * 4) & 63; double[][] yw = {W[s], W[s+1], W[s+2], W[s+3]}; double[][] yt = {T[s], T[s+1], T[s+2], T[s+3]};
                    sink += (double) v.train.invoke(v.young, yw, yt, 5); v.predict.invoke(v.young, W[s], 5, out); sink += out[0]; }
                case "forecast" -> { v.predict.invoke(v.fine, W[i & 63], 5, out); sink += out[0]; }
                case "forecastTwoSymbols" -> { v.predict.invoke(v.fine, W[i & 63], 5, out); sink += out[0]; v.predict.invoke(v.other, W[i & 63], 5, out); sink += out[0]; }
            }
        }
        return mx.getCurrentThreadCpuTime() - t0;
    }
    public static void main(String[] a) throws Exception {
        String deps = new String(Files.readAllBytes(Paths.get(a[2]))).trim();
        V[] vs = {new V("before", a[0], deps), new V("after", a[1], deps)};
        int rounds = Integer.parseInt(a[3]);
        SplittableRandom rng = new SplittableRandom(7);
        for (int s = 0; s < 64; s++) { for (int i = 0; i < 30; i++) W[s][i] = 0.5*Math.sin(0.37*(s+i)) + 0.3*(rng.nextDouble()-0.5); T[s][0] = 0.5*Math.sin(0.37*(s+30)) + 0.3*(rng.nextDouble()-0.5); }
        for (V v : vs) { v.train.invoke(v.fine, W, T, 5); v.train.invoke(v.other, W, T, 5); }
        String[] ops = a.length > 4 ? a[4].split(",") : new String[] {"fineTune64", "youngTick", "forecast", "forecastTwoSymbols"};
        Map<String, Integer> reps = Map.of("fineTune64", 20, "youngTick", 200, "forecast", 2000, "forecastTwoSymbols", 1000);
        // warm-up
        for (int w = 0; w < 3; w++) for (String o : ops) for (V v : vs) op(v, o, reps.get(o) * 2);
        for (String o : ops) {
            double[][] t = new double[2][rounds]; double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                int first = r & 1; // alternate which goes first
                for (int k = 0; k < 2; k++) { int i = k ^ first; t[i][r] = op(vs[i], o, reps.get(o)) / 1e3 / reps.get(o); }
                ratio[r] = t[1][r] / t[0][r];
            }
            double mb = median(t[0]), ma = median(t[1]);
            System.out.printf("%-20s before %9.2f us  after %9.2f us  after/before %.3f (median of per-round ratios %.3f; rounds %d)%n", o, mb, ma, ma / mb, median(ratio), rounds);
        }
        System.out.println(sink == 42 ? "" : "ok");
    }
    static double median(double[] x) { double[] c = x.clone(); Arrays.sort(c); int n = c.length; return n % 2 == 1 ? c[n/2] : (c[n/2-1] + c[n/2]) / 2; }
}
