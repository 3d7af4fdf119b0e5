/**
 * Recurrent networks with backpropagation through time written by hand in plain Java: the
 * independent reference that DL4J's results are checked against. Only {@code java.*} and
 * {@code org.rnnlab.spec} are used.
 *
 * <p>{@link org.rnnlab.scratch.ScratchNetwork} computes what DL4J 1.0.0-M2.1's
 * MultiLayerNetwork computes for the same spec, parameters and data, including these
 * behaviours of DL4J that are easy to get wrong:
 * <ul>
 *   <li>Parameters and gradients are one flat array in {@code params()} order (W, RW, b per
 *       layer, and RB for a GRU, column-major); the raw gradient is summed over the minibatch.</li>
 *   <li>Feature masks: a SimpleRnn zeroes its output at masked steps, so its state restarts
 *       there (rnnlab's DL4J GRU layer and the scratch GRU do the same); an LSTM in a MultiLayerNetwork never receives the mask and runs through masked
 *       steps; the loss sees only the label mask (none: every step counts).</li>
 *   <li>Losses keep ND4J's clipping: XENT clips ŷ to [1e-5, 1 − 1e-5], MCXENT clips the softmax
 *       to [1e-10, 1 − 1e-10] in the score and uses ŷ − y as the gradient.</li>
 *   <li>Truncated BPTT: each segment's forward pass starts from the carried state, but each
 *       recurrent layer's backward pass re-runs the layer from a zero state
 *       ({@link org.rnnlab.scratch.TbpttGradient#DL4J}).</li>
 *   <li>One update divides by the minibatch, clips per layer, then applies SGD or ND4J's Adam.</li>
 * </ul>
 *
 * <p>Read first: {@link org.rnnlab.scratch.SimpleRnnReference},
 * {@link org.rnnlab.scratch.LstmReference} and {@link org.rnnlab.scratch.GruReference}, the reference cells. Each holds its cell's forward
 * pass and backpropagation through time on one page, one example at a time, in plain loops, in
 * the order of the equations (stated in its Javadoc with DL4J's names and gate order);
 * {@link org.rnnlab.scratch.ScratchNetwork#reference} builds a network from them. Tests hold the
 * fast cells to them within 1e-13, and plant known BPTT mistakes as one-method overrides of them.
 *
 * <p>The fast cells compute the same numbers in another layout: {@link org.rnnlab.scratch.SimpleRnnLayer},
 * {@link org.rnnlab.scratch.LstmLayer} and {@link org.rnnlab.scratch.GruLayer} say what one step does to its examples;
 * {@link org.rnnlab.scratch.StepwiseLayer} runs the steps and splits them over threads
 * ({@link org.rnnlab.scratch.Workers}); the products live in the cell's weights,
 * {@link org.rnnlab.scratch.SummedWeights} (SimpleRnn, LSTM) or {@link org.rnnlab.scratch.GruWeights}, on what
 * {@link org.rnnlab.scratch.LayerWeights} shares (their Javadoc maps them to the reference cells'
 * equations), and in {@link org.rnnlab.scratch.RowKernels}.
 */
package org.rnnlab.scratch;
