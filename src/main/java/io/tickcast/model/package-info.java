/**
 * The LSTM forecaster's mathematics: parameters in PyTorch's {@code nn.LSTM} layout, the cell's
 * forward and backward pass, truncated back-propagation through time, the optimisers and the
 * binary model state. Imports only EJML and the JDK.
 *
 * <p>Entry point: {@link io.tickcast.model.LstmModel}.
 */
package io.tickcast.model;
