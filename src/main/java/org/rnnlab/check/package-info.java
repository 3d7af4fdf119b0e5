/**
 * Checks that DL4J and the hand-written BPTT of {@link org.rnnlab.scratch} compute the same
 * thing, and the tools to put them side by side.
 *
 * <ul>
 *   <li>{@link org.rnnlab.bridge.ParameterBridge} copies parameters between a DL4J network and a
 *       scratch network after checking that their layouts agree, and exports or imports them as
 *       NumPy .npy files ({@link org.rnnlab.bridge.NpyFormat}).</li>
 *   <li>{@link org.rnnlab.bridge.Batches} converts minibatches between
 *       {@link org.rnnlab.scratch.SequenceBatch} and DL4J's NCW arrays.</li>
 *   <li>{@link org.rnnlab.check.GradientComparison} compares DL4J's gradient and score with the
 *       scratch network's; {@link org.rnnlab.check.NumericalCheck} compares the scratch gradient
 *       with central differences. Both return a {@link org.rnnlab.check.Report}: per parameter the
 *       largest absolute and relative errors and the worst entry, named by layer, parameter, LSTM
 *       gate, row and column.</li>
 *   <li>{@link org.rnnlab.check.TrajectoryComparison} trains both from the same start on the same
 *       minibatches and compares every step's loss and the final parameters.</li>
 * </ul>
 *
 * <p>Every comparison runs in double precision: in float32 the rounding of DL4J's kernels would
 * hide small real differences.
 */
package org.rnnlab.check;

import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.NpyFormat;
import org.rnnlab.bridge.ParameterBridge;
