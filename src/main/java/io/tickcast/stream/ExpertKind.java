package io.tickcast.stream;

/** How one kind of {@link Expert} is made for a new symbol and restored from its stored record. */
interface ExpertKind {

    /** The name of its experts ({@link Expert#name()}). */
    String name();

    /** The store its records live in. */
    String store();

    /** A fresh expert; a pure function of the configuration and the symbol, so reruns agree. */
    Expert create(String symbol);

    /**
     * Restores what {@link Expert#encode()} wrote (or an older format of it).
     *
     * @throws IllegalArgumentException if the record is not this expert's state
     */
    Expert restore(byte[] stored);
}
