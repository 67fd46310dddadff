package io.tickcast.model;

/**
 * A model's response to a unit spike, after the notebook's "Impulse Response of Network": input 1 (on
 * every input feature) at step 0, zeros afterwards, starting from zero state. Arrays are indexed
 * {@code [step][unit]} and describe layer 0, except {@code forecast}, the head's output on the top layer.
 *
 * @param input      the input fed at each step (feature 0)
 * @param inputGate  i_t of layer 0
 * @param forgetGate f_t of layer 0
 * @param outputGate o_t of layer 0
 * @param cellState  c_t of layer 0
 * @param hidden     h_t of layer 0 (the unit output)
 * @param forecast   the head's output after each step ({@code [step][horizon]})
 */
public record ImpulseResponse(double[] input, double[][] inputGate, double[][] forgetGate, double[][] outputGate,
                              double[][] cellState, double[][] hidden, double[][] forecast) {

    /** Number of steps. */
    public int steps() {
        return input.length;
    }
}
