package org.rnnlab.dl4j;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelpers;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link ForwardKeepingLstm} configuration runs: DL4J's LSTM layer, whose training forward
 * pass is computed the way DL4J's backprop computes it ({@code LSTMHelpers.activateHelper} with
 * {@code forBackprop}) and kept for the backward pass that follows.
 *
 * <p>The stock layer's backward pass already takes a kept forward pass when one is there (its
 * {@code cachedFwdPass}); only the stock forward pass never keeps one. So this class changes
 * nothing but the forward pass of training:
 * <ul>
 *   <li>The gate activations and cell states a step keeps go where the layer's output goes, the
 *       network's activations workspace, which stays open from the forward pass of a training
 *       step to the end of its backward pass. (DL4J's own cache put some of them in the layer's
 *       working memory, which the next layer reuses: why it was switched off.)</li>
 *   <li>The output is filled from the kept per-step outputs by the same assignment DL4J makes, and
 *       every product and activation is DL4J's, in DL4J's order: the output and the gradients are
 *       bit for bit the stock layer's.</li>
 *   <li>A backward pass uses the kept pass only when it is for the input the layer holds now;
 *       otherwise, and for truncated BPTT, dropout, weight noise, a platform helper or inference,
 *       the stock code runs as it is.</li>
 * </ul>
 */
public class ForwardKeepingLstmImpl extends LSTM {

    /** The input the kept forward pass ({@code cachedFwdPass}) was computed from. */
    private INDArray keptFor;

    public ForwardKeepingLstmImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        dropKept();
        if (!training || !canKeep()) {
            return super.activate(training, workspaceMgr);
        }
        boolean nwc = TimeSeriesUtils.getFormatFromRnnLayer(layerConf()) == RNNFormat.NWC;
        INDArray ncw = nwc ? permuteIfNWC(input) : input;
        FwdPassReturn pass = LSTMHelpers.activateHelper(this, conf, layerConf().getGateActivationFn(), ncw,
                getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr),
                getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr),
                getParamWithNoise(LSTMParamInitializer.BIAS_KEY, true, workspaceMgr),
                true, null, null, true, true, LSTMParamInitializer.INPUT_WEIGHT_KEY, maskArray, false,
                null, CacheMode.NONE, keeping(workspaceMgr), layerConf().isHelperAllowFallback());
        // activateHelper leaves the output of a pass for backprop unfilled (CacheMode.NONE)
        INDArray output = pass.fwdPassOutput;
        for (int t = 0; t < pass.fwdPassOutputAsArrays.length; t++) {
            output.tensorAlongDimension(t, 1, 0).assign(pass.fwdPassOutputAsArrays[t]);
        }
        cachedFwdPass = pass;
        keptFor = input;
        return permuteIfNWC(output);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (keptFor != input) {
            dropKept();
        }
        keptFor = null;
        // consumes cachedFwdPass when it is there, runs the forward pass again when not
        return super.backpropGradient(epsilon, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackwardLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        dropKept();
        return super.tbpttBackpropGradient(epsilon, tbpttBackwardLength, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        dropKept();
        return super.rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        dropKept();
        return super.rnnTimeStep(input, workspaceMgr);
    }

    @Override
    public void clear() {
        dropKept();
        super.clear();
    }

    /** Whether a backward pass is waiting for a kept forward pass (for tests). */
    boolean holdsForwardPass() {
        return cachedFwdPass != null;
    }

    private void dropKept() {
        cachedFwdPass = null;
        keptFor = null;
    }

    /** Where the stock code must run: what changes between DL4J's two forward passes, or a helper's own path. */
    private boolean canKeep() {
        return helper == null && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                && input != null && input.rank() == 3;
    }

    /**
     * The workspaces for a kept pass: what backprop reads (typed BP_WORKING_MEM and FF_WORKING_MEM
     * in LSTMHelpers) goes with the output into the activations workspace; the per-step scratch
     * stays in the loop workspace. Without workspaces, everything is on the heap.
     */
    private static LayerWorkspaceMgr keeping(LayerWorkspaceMgr workspaceMgr) {
        LayerWorkspaceMgr keep = LayerWorkspaceMgr.noWorkspaces();
        if (!workspaceMgr.isScopedOut(ArrayType.ACTIVATIONS)) {
            String name = workspaceMgr.getWorkspaceName(ArrayType.ACTIVATIONS);
            for (ArrayType type : new ArrayType[] {ArrayType.ACTIVATIONS, ArrayType.BP_WORKING_MEM,
                    ArrayType.FF_WORKING_MEM}) {
                keep.setWorkspace(type, name, workspaceMgr.getConfiguration(ArrayType.ACTIVATIONS));
            }
        }
        ArrayType loop = ArrayType.RNN_FF_LOOP_WORKING_MEM;
        if (workspaceMgr.hasConfiguration(loop) && !workspaceMgr.isScopedOut(loop)) {
            keep.setWorkspace(loop, workspaceMgr.getWorkspaceName(loop), workspaceMgr.getConfiguration(loop));
        }
        return keep;
    }
}
