package io.tickcast.runtime;

/**
 * The bootstrap servers could not be reached at start-up: an expected failure whose message says everything a user
 * needs (the servers, the time allowed, the cause when known), so the command line prints it without a stack trace.
 */
public final class UnreachableClusterException extends RuntimeException {

    UnreachableClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
