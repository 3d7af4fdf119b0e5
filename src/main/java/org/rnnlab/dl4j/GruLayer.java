package org.rnnlab.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;

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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The running {@link Gru} layer: forward pass, backpropagation through time, rnnTimeStep and the
 * truncated-BPTT state. One step at a time on [minibatch, features] rows, in the order of the
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
 * As DL4J's SimpleRnn, the backward pass re-runs the forward pass from a zero state, also in
 * truncated BPTT, whose forward pass (and score) starts each segment from the carried state.
 */
public class GruLayer extends BaseRecurrentLayer<Gru> {

    /** The state key of rnnTimeStep and truncated BPTT: h of the last step, [minibatch, n]. */
    public static final String STATE_KEY_PREVIOUS_H = "prevH";

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What the forward pass keeps per step for the backward pass. */
    private record Steps(INDArray out, List<INDArray> r, List<INDArray> z, List<INDArray> n, List<INDArray> ghN) {
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return permuteIfNWC(forward(null, training, false, workspaceMgr).out());
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(stateMap.get(STATE_KEY_PREVIOUS_H), false, false, workspaceMgr).out();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE_KEY_PREVIOUS_H, out.get(all(), all(), point(out.size(2) - 1)).dup());
        }
        return permuteIfNWC(out);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(tBpttStateMap.get(STATE_KEY_PREVIOUS_H), training, false, workspaceMgr).out();
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE_KEY_PREVIOUS_H, out.get(all(), all(), point(out.size(2) - 1)).dup());
            }
        }
        return permuteIfNWC(out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray input = permuteIfNWC(this.input.castTo(dataType));
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        Steps steps = forward(null, true, true, workspaceMgr);

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        INDArray wGrad = gradientViews.get(GruParamInitializer.WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray rbGrad = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);
        gradientsFlattened.assign(0);

        long tsLength = input.size(2);
        long end = tbpttBackLength > 0 ? Math.max(0, tsLength - tbpttBackLength) : 0;
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'f');
        INDArray dhNext = null;
        for (long t = tsLength - 1; t >= end; t--) {
            int i = (int) t;
            INDArray dh = eps.get(all(), all(), point(t)).dup('f');
            if (dhNext != null) {
                dh.addi(dhNext);
            }
            if (maskArray != null) {
                dh.muliColumnVector(maskArray.getColumn(t, true).castTo(dataType));
            }
            INDArray r = steps.r().get(i);
            INDArray z = steps.z().get(i);
            INDArray n = steps.n().get(i);
            INDArray hPrev = t > 0 ? steps.out().get(all(), all(), point(t - 1)) : null;
            // h = (1 − z) ⊙ n + z ⊙ h_{t−1}
            INDArray dzN = n.mul(n).rsubi(1.0).muli(z.rsub(1.0)).muli(dh);
            INDArray dzZ = (hPrev == null ? n.neg() : hPrev.sub(n)).muli(dh).muli(z.mul(z.rsub(1.0)));
            // n = tanh(gx_n + r ⊙ gh_n)
            INDArray dzR = steps.ghN().get(i).mul(dzN).muli(r.mul(r.rsub(1.0)));
            INDArray dgx = Nd4j.hstack(dzR, dzZ, dzN);
            INDArray dgh = Nd4j.hstack(dzR, dzZ, r.mul(dzN));
            // gx = x·W + b,  gh = h_{t−1}·RW + RB
            INDArray x = input.get(all(), all(), point(t));
            Nd4j.gemm(x, dgx, wGrad, true, false, 1.0, 1.0);
            bGrad.addi(dgx.sum(0));
            if (hPrev != null) {
                Nd4j.gemm(hPrev, dgh, rwGrad, true, false, 1.0, 1.0);
            }
            rbGrad.addi(dgh.sum(0));
            Nd4j.gemm(dgx, w, epsOut.get(all(), all(), point(t)), false, true, 1.0, 0.0);
            dhNext = dgh.mmul(rw.transpose()).addi(z.mul(dh));
        }
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(GruParamInitializer.WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        gradient.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_BIAS_KEY, rbGrad);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    /**
     * Runs the layer over its input from {@code previousH} (null: zeros). The output is in NCW
     * order [minibatch, n, steps]; the per-step gate lists are filled only {@code forBackprop}.
     */
    private Steps forward(INDArray previousH, boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("GRU layer " + layerId() + " expects 3-d input [minibatch, features, steps],"
                    + " got shape " + java.util.Arrays.toString(input.shape()));
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray input = permuteIfNWC(this.input.castTo(dataType));
        long mb = input.size(0);
        long tsLength = input.size(2);
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

        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, n, tsLength},
                'f');
        Steps steps = new Steps(out, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        INDArray hPrev = previousH == null ? null : previousH.castTo(dataType);
        for (long t = 0; t < tsLength; t++) {
            INDArray x = input.get(all(), all(), point(t));
            INDArray gx = x.mmul(w).addiRowVector(b);
            INDArray gh = hPrev == null ? Nd4j.zeros(dataType, mb, 3 * n).addiRowVector(rb)
                    : hPrev.mmul(rw).addiRowVector(rb);
            INDArray r = Transforms.sigmoid(gx.get(all(), interval(0, n)).add(gh.get(all(), interval(0, n))), false);
            INDArray z = Transforms.sigmoid(gx.get(all(), interval(n, 2 * n)).add(gh.get(all(), interval(n, 2 * n))),
                    false);
            INDArray ghN = gh.get(all(), interval(2 * n, 3 * n));
            INDArray candidate = Transforms.tanh(gx.get(all(), interval(2 * n, 3 * n)).add(r.mul(ghN)), false);
            INDArray h = z.rsub(1.0).muli(candidate);
            if (hPrev != null) {
                h.addi(z.mul(hPrev));
            }
            if (maskArray != null) {
                h.muliColumnVector(maskArray.getColumn(t, true).castTo(dataType));
            }
            INDArray outT = out.get(all(), all(), point(t));
            outT.assign(h);
            if (forBackprop) {
                steps.r().add(r);
                steps.z().add(z);
                steps.n().add(candidate);
                steps.ghN().add(ghN.dup());
            }
            hPrev = outT;
        }
        return steps;
    }
}
