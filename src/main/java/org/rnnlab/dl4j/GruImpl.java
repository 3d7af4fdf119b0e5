package org.rnnlab.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The implementation of a {@link Gru} layer, which the network runs: forward pass,
 * backpropagation through time, rnnTimeStep and the truncated-BPTT state. DL4J splits a layer into
 * a configuration class and an implementation class, and names a custom layer's pair as here
 * (dl4j-examples: CustomLayer and CustomLayerImpl); {@code Gru.instantiate} makes this one. One step at a time on [minibatch, features] rows, in the order of the
 * equations (the same names as the scratch reference cell {@code scratch.GruReference}):
 * <pre>
 *   gx = x_t·W + b        gh = h_{t−1}·RW + RB             (gh = RB at a zero state)
 *   r = σ(gx_r + gh_r)    z = σ(gx_z + gh_z)    n = tanh(gx_n + r ⊙ gh_n)
 *   h_t = m_t · ((1 − z) ⊙ n + z ⊙ h_{t−1})
 * </pre>
 * Backward, for t = T−1 down to the truncation point:
 * <pre>
 *   dh   = m_t · (ε_t + dhNext)
 *   dz_n = (1 − n²) ⊙ (1 − z) ⊙ dh     dz_z = z(1 − z) ⊙ (h_{t−1} − n) ⊙ dh     dz_r = r(1 − r) ⊙ gh_n ⊙ dz_n
 *   dgx  = [dz_r, dz_z, dz_n]           dgh = [dz_r, dz_z, r ⊙ dz_n]
 *   dW += x_tᵀ·dgx   db += Σ dgx   dRW += h_{t−1}ᵀ·dgh   dRB += Σ dgh   ε_out,t = dgx·Wᵀ
 *   dhNext = dgh·RWᵀ + z ⊙ dh
 * </pre>
 * As DL4J's SimpleRnn, the backward pass works from the forward pass from a zero state, also in
 * truncated BPTT, whose forward pass (and score) starts each segment from the carried state. When
 * the training forward pass that came just before was that very pass (full BPTT: the same input and
 * mask, from a zero state, no dropout or weight noise), the backward pass takes its arrays as they
 * are; otherwise it runs the forward pass again.
 *
 * <p>How it runs: at these sizes each ND4J call costs more than its arithmetic, so the layer makes
 * as few as it can. What does not depend on the previous step is done for every step at once
 * (x_t·W + b, the factors (1 − n²)(1 − z), r(1 − r), z(1 − z) and h_{t−1} − n, the sums of db and
 * dRB); each step writes into arrays allocated once per input shape ({@link Buffers}, with their
 * per-step views and ops made then too), and runs its custom ops through op contexts made once
 * ({@link GruOps}). Every value is computed by the same operation on the same operands as one
 * step at a time with fresh arrays, so the numbers are those of that plain version, bit for bit
 * (held by the reference experiments' results). The arrays belong to the layer, outside DL4J's
 * workspaces; only the output and the input gradient are workspace arrays, copied out at the end.
 */
public class GruImpl extends BaseRecurrentLayer<Gru> {

    /** The state key of rnnTimeStep and truncated BPTT: h of the last step, [minibatch, n]. */
    public static final String STATE_KEY_PREVIOUS_H = "prevH";

    private final transient GruOps ops = new GruOps();
    /** Arrays for whole sequences (activate, backprop, truncated BPTT) and for rnnTimeStep. */
    private transient Buffers sequenceBuffers;
    private transient Buffers stepBuffers;
    /**
     * The input (and mask) whose training forward pass from a zero state the sequence buffers hold,
     * or null: the backward pass that follows takes that pass instead of running it again.
     */
    private transient INDArray forwardFor;
    private transient INDArray forwardMask;

    public GruImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Buffers buffers = forward(null, training, false, workspaceMgr);
        // what backprop would compute again: the same call on the same input with the same parameters
        boolean keep = training && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null;
        forwardFor = keep ? input : null;
        forwardMask = maskArray;
        return permuteIfNWC(output(buffers, workspaceMgr));
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Buffers buffers = forward(stateMap.get(STATE_KEY_PREVIOUS_H), false, true, workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE_KEY_PREVIOUS_H, buffers.steps[buffers.steps.length - 1].h.dup());
        }
        return permuteIfNWC(output(buffers, workspaceMgr));
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        forwardFor = null;
        Buffers buffers = forward(tBpttStateMap.get(STATE_KEY_PREVIOUS_H), training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE_KEY_PREVIOUS_H, buffers.steps[buffers.steps.length - 1].h.dup());
            }
        }
        return permuteIfNWC(output(buffers, workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        boolean kept = tbpttBackLength <= 0 && sequenceBuffers != null && forwardFor == input
                && forwardMask == maskArray;
        forwardFor = null;
        Buffers b = kept ? sequenceBuffers : forward(null, true, false, workspaceMgr);
        b.eps.assign(permuteIfNWC(epsilon).castTo(dataType));

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        // dgh·RWᵀ as dgh.mmul(rw.transpose()): the same operands in the same layout, the same last bits
        INDArray rwTransposed = rw.transpose();
        INDArray wGrad = gradientViews.get(GruParamInitializer.WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray rbGrad = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);
        gradientsFlattened.assign(0);

        int tsLength = b.steps.length;
        int end = tbpttBackLength > 0 ? Math.max(0, tsLength - tbpttBackLength) : 0;
        // what depends on the forward pass alone, for every step at once:
        // (1 − n²) ⊙ (1 − z),  [r(1 − r), z(1 − z)],  h_{t−1} − n  (−n at t = 0)
        GruOps.run(b.squareN);
        GruOps.run(b.oneMinusSquareN);
        ops.mul(b.dzNFactor, b.oneMinusZAll, b.dzNFactor);
        ops.mul(b.rzAll, b.oneMinusRzAll, b.rzDerivative);
        GruOps.run(b.negativeN0);
        if (tsLength > 1) {
            ops.sub(b.hEarlier, b.nLater, b.hMinusNLater);
        }
        if (end > 0) {
            b.epsOut.assign(0);
        }
        for (int t = tsLength - 1; t >= end; t--) {
            Step s = b.steps[t];
            Back k = b.back[t];
            // dh = ε_t + dhNext
            if (t == tsLength - 1) {
                b.dh.assign(s.eps);
            } else {
                ops.add(s.eps, b.dhNext, b.dh);
            }
            if (maskArray != null) {
                b.dh.muliColumnVector(maskArray.getColumn(t, true).castTo(dataType));
            }
            // h = (1 − z) ⊙ n + z ⊙ h_{t−1},  n = tanh(gx_n + r ⊙ gh_n)
            ops.mul(s.dzNFactor, b.dh, k.dgxN);
            ops.mul(s.hMinusN, b.dh, k.dgxZ);
            ops.mul(k.dgxZ, s.zDerivative, k.dgxZ);
            ops.mul(s.ghN, k.dgxN, k.dgxR);
            ops.mul(k.dgxR, s.rDerivative, k.dgxR);
            k.dghRz.assign(k.dgxRz);
            ops.mul(s.r, k.dgxN, k.dghN);
            // gx = x·W + b,  gh = h_{t−1}·RW + RB
            ops.gemmAccumulate(s.x, k.dgx, wGrad);
            if (t > 0) {
                ops.gemmAccumulate(b.steps[t - 1].h, k.dgh, rwGrad);
            }
            ops.gemm(k.dgx, w, s.epsOut, false, true);
            if (t > end) {
                ops.gemm(k.dgh, rwTransposed, b.dhNext, false, false);
                ops.mul(s.z, b.dh, b.zh);
                ops.add(b.dhNext, b.zh, b.dhNext);
            }
        }
        // db and dRB: each step's sum over the minibatch, then those sums from the last step down
        // (the gradient arrays of the backward steps are stored last step first)
        int steps = tsLength - end;
        bGrad.addi(b.dgxReversed.get(interval(0, steps), all(), all()).sum(1).sum(0));
        rbGrad.addi(b.dghReversed.get(interval(0, steps), all(), all()).sum(1).sum(0));
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(GruParamInitializer.WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        gradient.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_BIAS_KEY, rbGrad);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                b.epsOut.shape(), 'f');
        epsOut.assign(b.epsOut);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    /** The output of the last forward pass, [minibatch, n, steps], as an activation workspace array. */
    private INDArray output(Buffers buffers, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, buffers.h.shape(), 'f');
        return out.assign(buffers.h);
    }

    /**
     * Runs the layer over its input from {@code previousH} (null: zeros), into the buffers for
     * whole sequences or for rnnTimeStep; h of every step is in {@code buffers.h}, [minibatch, n, steps].
     */
    private Buffers forward(INDArray previousH, boolean training, boolean timeStep, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("GRU layer " + layerId() + " expects 3-d input [minibatch, features, steps],"
                    + " got shape " + java.util.Arrays.toString(input.shape()));
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray input = permuteIfNWC(this.input.castTo(dataType));
        long mb = input.size(0);
        long n = layerConf().getNOut();
        if (previousH != null && previousH.size(0) != mb) {
            throw new IllegalStateException("GRU layer " + layerId() + ": the stored state holds " + previousH.size(0)
                    + " examples but the input " + mb + "; clear the state (rnnClearPreviousState) between batches");
        }
        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr).reshape(1, 3 * n);
        INDArray rb = getParamWithNoise(GruParamInitializer.RECURRENT_BIAS_KEY, training, workspaceMgr)
                .reshape(1, 3 * n);

        Buffers buf = buffers(timeStep, mb, input.size(1), n, input.size(2));
        // x_t·W + b for every step in one product: the rows of x in step order
        buf.xView.assign(input);
        ops.gemm(buf.xRows, w, buf.gxRows, false, false);
        buf.gxRows.addiRowVector(b);
        // RB once per row of the minibatch: gh = h_{t−1}·RW + RB, or RB itself at a zero state
        buf.rbRows.assign(0).addiRowVector(rb);
        INDArray hPrev = previousH == null ? null : previousH.castTo(dataType);
        for (int t = 0; t < buf.steps.length; t++) {
            Step s = buf.steps[t];
            if (hPrev != null) {
                ops.gemm(hPrev, rw, s.gh, false, false);
                ops.add(s.gh, buf.rbRows, s.gh);
            } else {
                s.gh.assign(buf.rbRows);
            }
            ops.add(s.gxRz, s.ghRz, s.rz);
            GruOps.run(s.sigmoidRz);
            GruOps.run(s.oneMinusRz);
            ops.mul(s.r, s.ghN, s.n);
            ops.add(s.gxN, s.n, s.n);
            GruOps.run(s.tanhN);
            ops.mul(s.oneMinusZ, s.n, s.h);
            if (hPrev != null) {
                ops.mul(s.z, hPrev, buf.zh);
                ops.add(s.h, buf.zh, s.h);
            }
            if (maskArray != null) {
                s.h.muliColumnVector(maskArray.getColumn(t, true).castTo(dataType));
            }
            hPrev = s.h;
        }
        return buf;
    }

    /** The buffers for this input shape, made anew when the shape changed. */
    private Buffers buffers(boolean timeStep, long mb, long nIn, long n, long tsLength) {
        Buffers current = timeStep ? stepBuffers : sequenceBuffers;
        if (current == null || !current.fits(mb, nIn, n, tsLength, dataType)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                current = new Buffers(dataType, mb, nIn, n, (int) tsLength);
            }
            if (timeStep) {
                stepBuffers = current;
            } else {
                sequenceBuffers = current;
            }
        }
        return current;
    }

    /**
     * The layer's arrays for one input shape, outside any workspace, with every per-step view and
     * legacy op made once. Step-major arrays [steps, minibatch, k] hold step t as the contiguous
     * [minibatch, k] block t; h, ε_out and the incoming ε keep DL4J's [minibatch, k, steps] order.
     */
    private static final class Buffers {
        final long mb;
        final long nIn;
        final long n;
        final DataType dataType;

        /** Forward: x by step [T, mb, nIn]; gx [T·mb, 3n]; gh [mb, 3n, T]; RB per row; [r, z], 1 − [r, z] [T, mb, 2n]; n [T, mb, n]. */
        final INDArray x;
        final INDArray xView;
        final INDArray xRows;
        final INDArray gxRows;
        final INDArray rbRows;
        final INDArray h;
        final INDArray zh;
        /** Backward: the incoming ε, ε_out, and what is computed for every step at once. */
        final INDArray eps;
        final INDArray epsOut;
        final INDArray rzAll;
        final INDArray oneMinusRzAll;
        final INDArray oneMinusZAll;
        final INDArray rzDerivative;
        final INDArray dzNFactor;
        final INDArray hEarlier;
        final INDArray nLater;
        final INDArray hMinusNLater;
        final Op squareN;
        final Op oneMinusSquareN;
        final Op negativeN0;
        final INDArray dh;
        final INDArray dhNext;
        /** dgx and dgh of every backward step, the last step first: [T, mb, 3n]. */
        final INDArray dgxReversed;
        final INDArray dghReversed;
        final Step[] steps;
        final Back[] back;

        Buffers(DataType type, long mb, long nIn, long n, int tsLength) {
            this.mb = mb;
            this.nIn = nIn;
            this.n = n;
            this.dataType = type;
            x = Nd4j.createUninitialized(type, new long[] {tsLength, mb, nIn}, 'c');
            xView = x.permute(1, 2, 0);
            xRows = x.reshape('c', tsLength * mb, nIn);
            // column-major, as x_t.mmul(W) makes each step's gx; row t·mb + i is example i at step t
            gxRows = Nd4j.createUninitialized(type, new long[] {tsLength * mb, 3 * n}, 'f');
            // gh_t column-major, as mmul makes its result: a product's last bits depend on its output order
            INDArray gh = Nd4j.createUninitialized(type, new long[] {mb, 3 * n, tsLength}, 'f');
            rbRows = Nd4j.createUninitialized(type, new long[] {mb, 3 * n}, 'c');
            rzAll = Nd4j.createUninitialized(type, new long[] {tsLength, mb, 2 * n}, 'c');
            oneMinusRzAll = Nd4j.createUninitialized(type, new long[] {tsLength, mb, 2 * n}, 'c');
            oneMinusZAll = oneMinusRzAll.get(all(), all(), interval(n, 2 * n));
            INDArray nAll = Nd4j.createUninitialized(type, new long[] {tsLength, mb, n}, 'c');
            h = Nd4j.createUninitialized(type, new long[] {mb, n, tsLength}, 'f');
            zh = Nd4j.createUninitialized(type, new long[] {mb, n}, 'c');

            eps = Nd4j.createUninitialized(type, new long[] {mb, n, tsLength}, 'f');
            epsOut = Nd4j.createUninitialized(type, new long[] {mb, nIn, tsLength}, 'f');
            rzDerivative = Nd4j.createUninitialized(type, new long[] {tsLength, mb, 2 * n}, 'c');
            dzNFactor = Nd4j.createUninitialized(type, new long[] {tsLength, mb, n}, 'c');
            INDArray hMinusN = Nd4j.createUninitialized(type, new long[] {tsLength, mb, n}, 'c');
            squareN = new Square(nAll, dzNFactor);
            oneMinusSquareN = new ScalarReverseSubtraction(dzNFactor, null, dzNFactor, 1.0);
            negativeN0 = new Negative(nAll.get(point(0), all(), all()), hMinusN.get(point(0), all(), all()));
            if (tsLength > 1) {
                // h_{t−1} for t = 1..T−1, as [T−1, mb, n]
                hEarlier = h.get(all(), all(), interval(0, tsLength - 1)).permute(2, 0, 1);
                nLater = nAll.get(interval(1, tsLength), all(), all());
                hMinusNLater = hMinusN.get(interval(1, tsLength), all(), all());
            } else {
                hEarlier = null;
                nLater = null;
                hMinusNLater = null;
            }
            dh = Nd4j.createUninitialized(type, new long[] {mb, n}, 'f');
            // column-major, as mmul makes its result
            dhNext = Nd4j.createUninitialized(type, new long[] {mb, n}, 'f');
            dgxReversed = Nd4j.createUninitialized(type, new long[] {tsLength, mb, 3 * n}, 'c');
            dghReversed = Nd4j.createUninitialized(type, new long[] {tsLength, mb, 3 * n}, 'c');

            steps = new Step[tsLength];
            back = new Back[tsLength];
            for (int t = 0; t < tsLength; t++) {
                steps[t] = new Step(t, mb, n, x, gxRows, gh, rzAll, oneMinusRzAll, nAll, h, eps, epsOut, rzDerivative,
                        dzNFactor, hMinusN);
                back[t] = new Back(n, dgxReversed.get(point(tsLength - 1 - t), all(), all()),
                        dghReversed.get(point(tsLength - 1 - t), all(), all()));
            }
        }

        boolean fits(long mb, long nIn, long n, long tsLength, DataType type) {
            return this.mb == mb && this.nIn == nIn && this.n == n && steps.length == tsLength && dataType == type;
        }
    }

    /** The views of one step t, and its legacy ops. */
    private static final class Step {
        final INDArray x;
        final INDArray gh;
        final INDArray gxRz;
        final INDArray ghRz;
        final INDArray gxN;
        final INDArray ghN;
        final INDArray rz;
        final INDArray r;
        final INDArray z;
        final INDArray oneMinusZ;
        final INDArray n;
        final INDArray h;
        final INDArray eps;
        final INDArray epsOut;
        final INDArray rDerivative;
        final INDArray zDerivative;
        final INDArray dzNFactor;
        final INDArray hMinusN;
        final Op sigmoidRz;
        final Op oneMinusRz;
        final Op tanhN;

        Step(int t, long mb, long units, INDArray xAll, INDArray gxRows, INDArray ghAll, INDArray rzAll, INDArray oneMinusRzAll,
             INDArray nAll, INDArray hAll, INDArray epsAll, INDArray epsOutAll, INDArray rzDerivativeAll,
             INDArray dzNFactorAll, INDArray hMinusNAll) {
            x = xAll.get(point(t), all(), all());
            INDArray gx = gxRows.get(interval(t * mb, (t + 1) * mb), all());
            gh = ghAll.get(all(), all(), point(t));
            gxRz = gx.get(all(), interval(0, 2 * units));
            ghRz = gh.get(all(), interval(0, 2 * units));
            gxN = gx.get(all(), interval(2 * units, 3 * units));
            ghN = gh.get(all(), interval(2 * units, 3 * units));
            rz = rzAll.get(point(t), all(), all());
            r = rz.get(all(), interval(0, units));
            z = rz.get(all(), interval(units, 2 * units));
            INDArray oneMinusRzT = oneMinusRzAll.get(point(t), all(), all());
            oneMinusZ = oneMinusRzT.get(all(), interval(units, 2 * units));
            n = nAll.get(point(t), all(), all());
            h = hAll.get(all(), all(), point(t));
            eps = epsAll.get(all(), all(), point(t));
            epsOut = epsOutAll.get(all(), all(), point(t));
            INDArray rzDerivative = rzDerivativeAll.get(point(t), all(), all());
            rDerivative = rzDerivative.get(all(), interval(0, units));
            zDerivative = rzDerivative.get(all(), interval(units, 2 * units));
            dzNFactor = dzNFactorAll.get(point(t), all(), all());
            hMinusN = hMinusNAll.get(point(t), all(), all());
            sigmoidRz = new Sigmoid(rz, rz);
            oneMinusRz = new ScalarReverseSubtraction(rz, null, oneMinusRzT, 1.0);
            tanhN = new Tanh(n, n);
        }
    }

    /** The gradient views of one backward step: dgx = [dz_r, dz_z, dz_n], dgh = [dz_r, dz_z, r ⊙ dz_n]. */
    private static final class Back {
        final INDArray dgx;
        final INDArray dgh;
        final INDArray dgxR;
        final INDArray dgxZ;
        final INDArray dgxN;
        final INDArray dgxRz;
        final INDArray dghRz;
        final INDArray dghN;

        Back(long units, INDArray dgx, INDArray dgh) {
            this.dgx = dgx;
            this.dgh = dgh;
            dgxR = dgx.get(all(), interval(0, units));
            dgxZ = dgx.get(all(), interval(units, 2 * units));
            dgxN = dgx.get(all(), interval(2 * units, 3 * units));
            dgxRz = dgx.get(all(), interval(0, 2 * units));
            dghRz = dgh.get(all(), interval(0, 2 * units));
            dghN = dgh.get(all(), interval(2 * units, 3 * units));
        }
    }
}
