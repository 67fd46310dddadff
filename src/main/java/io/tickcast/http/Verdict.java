package io.tickcast.http;

import java.util.Objects;

/**
 * What a probe endpoint ({@code /health}, {@code /ready}) answers: pass, or fail with the reason an operator reads
 * in the body, so that a 503 says what to look at rather than only that something is wrong.
 *
 * @param ok     true for a 200, false for a 503
 * @param reason why it fails, or null when it passes
 */
public record Verdict(boolean ok, String reason) {

    private static final Verdict PASS = new Verdict(true, null);

    public Verdict {
        if (ok != (reason == null)) {
            throw new IllegalArgumentException("a passing verdict has no reason, a failing one has one");
        }
    }

    public static Verdict pass() {
        return PASS;
    }

    public static Verdict fail(String reason) {
        return new Verdict(false, Objects.requireNonNull(reason, "reason"));
    }
}
