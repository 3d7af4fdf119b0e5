package org.rnnlab.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link Gru} layer, in this order in the network's flat parameter vector:
 * W [nIn, 3n], RW [n, 3n] (both column-major, as DL4J's own recurrent layers), b [3n] and RB [3n].
 * Column blocks of width n are the gates [r, z, n].
 *
 * <p>W and RW are drawn with the layer's weight initialisation with fans (nIn, n) and (n, n),
 * those of DL4J's SimpleRnn (RW with the recurrent initialisation when one is set); b and RB start
 * at the layer's bias init. Both b and RB are bias parameters: a bias updater applies to both.
 */
public final class GruParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";
    public static final String RECURRENT_BIAS_KEY = "RB";

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Gru gru = (Gru) layer;
        long nIn = gru.getNIn();
        long n = gru.getNOut();
        return (nIn + n + 2) * 3 * n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY, RECURRENT_BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Gru gru = (Gru) conf.getLayer();
        long nIn = gru.getNIn();
        long n = gru.getNOut();
        Map<String, INDArray> params = views(paramsView, nIn, n);
        if (initializeParams) {
            INDArray flatW = flat(paramsView).get(interval(0, nIn * 3 * n));
            INDArray flatRw = flat(paramsView).get(interval(nIn * 3 * n, (nIn + n) * 3 * n));
            gru.getWeightInitFn().init(nIn, n, new long[] {nIn, 3 * n}, 'f', flatW);
            IWeightInit recurrent = gru.getWeightInitFnRecurrent() != null ? gru.getWeightInitFnRecurrent()
                    : gru.getWeightInitFn();
            recurrent.init(n, n, new long[] {n, 3 * n}, 'f', flatRw);
            params.get(BIAS_KEY).assign(gru.getBiasInit());
            params.get(RECURRENT_BIAS_KEY).assign(gru.getBiasInit());
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Gru gru = (Gru) conf.getLayer();
        return views(gradientView, gru.getNIn(), gru.getNOut());
    }

    /** W and RW as 'f' matrices, b and RB as vectors: views of the layer's part of the flat vector. */
    private static Map<String, INDArray> views(INDArray view, long nIn, long n) {
        INDArray flat = flat(view);
        long w = nIn * 3 * n;
        long rw = w + n * 3 * n;
        long b = rw + 3 * n;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(WEIGHT_KEY, flat.get(interval(0, w)).reshape('f', nIn, 3 * n));
        params.put(RECURRENT_WEIGHT_KEY, flat.get(interval(w, rw)).reshape('f', n, 3 * n));
        params.put(BIAS_KEY, flat.get(interval(rw, b)));
        params.put(RECURRENT_BIAS_KEY, flat.get(interval(b, b + 3 * n)));
        return params;
    }

    private static INDArray flat(INDArray view) {
        return view.reshape(view.length());
    }
}
