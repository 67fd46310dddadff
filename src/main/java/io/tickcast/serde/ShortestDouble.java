package io.tickcast.serde;

import java.math.BigInteger;

/**
 * Writes a finite double as the shortest decimal that parses back to it, into a reused {@code char[]} with no
 * allocation: Raffaello Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020), the algorithm of
 * {@code Double.toString} since Java 19 and of Jackson's {@code USE_FAST_DOUBLE_WRITER}, with their layout: plain
 * notation for 10<sup>-3</sup> ≤ |v| &lt; 10<sup>7</sup> ({@code 100.0}, {@code 0.001}), else computerized scientific
 * notation ({@code 1.0E7}, {@code 4.9E-324}); at least one digit after the point. The characters are those of
 * Jackson's {@code DoubleToDecimal.toString} ({@code ShortestDoubleTest} compares them on edge and random doubles),
 * which on Java 17 are never longer than {@code Double.toString}'s and sometimes a digit shorter.
 *
 * <p>Not thread-safe: one instance per writer.
 */
public final class ShortestDouble {

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final int BQ_MASK = (1 << 11) - 1;
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;

    /** 10^-k = β·2^r with 2^125 ≤ β &lt; 2^126, g = ⌊β⌋ + 1: G1[k - K_MIN] = ⌊g / 2^63⌋, G0 = g mod 2^63. */
    private static final long[] G1 = new long[K_MAX - K_MIN + 1];
    private static final long[] G0 = new long[K_MAX - K_MIN + 1];
    private static final long[] POW10 = new long[18];

    static {
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger floor;
            if (k <= 0) {
                BigInteger n = BigInteger.TEN.pow(-k);
                int r = n.bitLength() - 126;
                floor = r >= 0 ? n.shiftRight(r) : n.shiftLeft(-r);
            } else {
                BigInteger d = BigInteger.TEN.pow(k);
                int s = 125 + d.bitLength();
                floor = BigInteger.ONE.shiftLeft(s).divide(d);
                while (floor.bitLength() > 126) {
                    s--;
                    floor = BigInteger.ONE.shiftLeft(s).divide(d);
                }
                while (floor.bitLength() < 126) {
                    s++;
                    floor = BigInteger.ONE.shiftLeft(s).divide(d);
                }
            }
            BigInteger g = floor.add(BigInteger.ONE);
            G1[k - K_MIN] = g.shiftRight(63).longValueExact();
            G0[k - K_MIN] = g.and(mask63).longValueExact();
        }
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Room for the longest: a sign, 17 digits, a point, "E-324". */
    private final char[] chars = new char[32];
    private int len;

    /** The characters of the last {@link #format}. */
    public char[] chars() {
        return chars;
    }

    /**
     * Formats {@code v} into {@link #chars()}.
     *
     * @return the number of characters
     * @throws IllegalArgumentException for NaN and the infinities
     */
    public int format(double v) {
        len = 0;
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException("not a finite double: " + v);
        }
        if (bits < 0) {
            chars[len++] = '-';
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    return toChars(f, 0); // an integer below 2^53
                }
            }
            return toDecimal(-mq, c, 0);
        }
        if (t != 0) {
            return t < C_TINY ? toDecimal(Q_MIN, 10 * t, -1) : toDecimal(Q_MIN, t, 0);
        }
        chars[len++] = '0';
        chars[len++] = '.';
        chars[len++] = '0';
        return len;
    }

    private int toDecimal(int q, long c, int dk) {
        int out = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G1[k - K_MIN];
        long g0 = G0[k - K_MIN];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return toChars(upin ? sp10 : tp10, k);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            return toChars(uin ? s : tt, k + dk);
        }
        long cmp = vb - ((s + tt) << 1);
        return toChars(cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : tt, k + dk);
    }

    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    private static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    private static int flog10threeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** Writes f·10^e (f &gt; 0) in the layout of {@code Double.toString}. */
    private int toChars(long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digits(f);
        int exp = e + n - 1; // the decimal exponent of the first digit
        if (exp >= -3 && exp < 7) {
            if (exp < 0) {
                chars[len++] = '0';
                chars[len++] = '.';
                for (int i = -1; i > exp; i--) {
                    chars[len++] = '0';
                }
                writeDigits(f, n);
            } else if (e >= 0) {
                writeDigits(f, n);
                for (int i = 0; i < e; i++) {
                    chars[len++] = '0';
                }
                chars[len++] = '.';
                chars[len++] = '0';
            } else {
                int intDigits = exp + 1;
                long pow = POW10[n - intDigits];
                writeDigits(f / pow, intDigits);
                chars[len++] = '.';
                writeDigits(f % pow, n - intDigits);
            }
            return len;
        }
        long pow = POW10[n - 1];
        chars[len++] = (char) ('0' + f / pow);
        chars[len++] = '.';
        if (n == 1) {
            chars[len++] = '0';
        } else {
            writeDigits(f % pow, n - 1);
        }
        chars[len++] = 'E';
        if (exp < 0) {
            chars[len++] = '-';
            exp = -exp;
        }
        writeDigits(exp, digits(exp));
        return len;
    }

    /** Writes the n low digits of x (n ≤ 17), with leading zeros: by 8-digit int blocks, two digits at a time. */
    private void writeDigits(long x, int n) {
        int end = len + n;
        int i = end;
        while (n > 8) {
            long q = x / 100_000_000L;
            int r = (int) (x - q * 100_000_000L);
            writeBlock(r, i - 8, 8);
            i -= 8;
            n -= 8;
            x = q;
        }
        writeBlock((int) x, i - n, n);
        len = end;
    }

    /** Writes the n low digits of x (n ≤ 8) at chars[at..at + n). */
    private void writeBlock(int x, int at, int n) {
        int i = at + n;
        while (i - at >= 2) {
            int q = x / 100;
            int r = x - q * 100;
            chars[--i] = DIGIT_ONES[r];
            chars[--i] = DIGIT_TENS[r];
            x = q;
        }
        if (i > at) {
            chars[--i] = (char) ('0' + x % 10);
        }
    }

    private static final char[] DIGIT_TENS = new char[100];
    private static final char[] DIGIT_ONES = new char[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (char) ('0' + i / 10);
            DIGIT_ONES[i] = (char) ('0' + i % 10);
        }
    }

    private static int digits(long x) {
        int n = 1;
        while (n < 18 && x >= POW10[n]) {
            n++;
        }
        return n;
    }
}
