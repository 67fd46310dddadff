package io.tickcast.serde;

/** A record the topology writes: a forecast, a break signal or a dead letter. */
public sealed interface Output permits Forecast, BreakSignal, DeadLetter {
}
