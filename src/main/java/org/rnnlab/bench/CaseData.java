package org.rnnlab.bench;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.bridge.Batches;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;

/**
 * One random minibatch of a case's shape, made once and given to every implementation: the scratch
 * network's arrays and the same values as DL4J arrays in double and in float precision.
 *
 * <p>Features are standard normal. Labels suit the output layer: normal around zero for an identity
 * output, 0 or 1 for a sigmoid, one-hot for a softmax. Many-to-one cases get their label at the last
 * step and a label mask that scores only that step, as DataVec's ALIGN_END iterators make it.
 * Speed does not depend on the values, only on the shapes.
 *
 * @param batch   for the scratch network
 * @param doubles for DL4J in double precision (NCW, [mb, units, T])
 * @param floats  the same values in float precision
 */
public record CaseData(SequenceBatch batch, DataSet doubles, DataSet floats) {

    /** A random minibatch of {@code miniBatch} sequences of {@code steps} steps for {@code network}. */
    public static CaseData random(NetworkSpec network, int steps, int miniBatch, long seed) {
        SequenceBatch batch = randomBatch(network, steps, miniBatch, seed);
        DataSet doubles = Batches.toDataSet(batch);
        DataSet floats = new DataSet(asFloat(doubles.getFeatures()), asFloat(doubles.getLabels()),
                asFloat(doubles.getFeaturesMaskArray()), asFloat(doubles.getLabelsMaskArray()));
        return new CaseData(batch, doubles, floats);
    }

    /** The scratch network's form of a random minibatch (no ND4J involved). */
    public static SequenceBatch randomBatch(NetworkSpec network, int steps, int miniBatch, long seed) {
        Random random = new Random(seed);
        double[][][] features = new double[miniBatch][steps][network.nIn()];
        for (double[][] sequence : features) {
            for (double[] step : sequence) {
                for (int k = 0; k < step.length; k++) {
                    step[k] = random.nextGaussian();
                }
            }
        }
        if (network.output() == OutputMode.LAST_STEP) {
            double[][] labels = new double[miniBatch][];
            for (int e = 0; e < miniBatch; e++) {
                labels[e] = label(network, random);
            }
            return SequenceBatch.lastStep(features, labels, null);
        }
        double[][][] labels = new double[miniBatch][steps][];
        for (double[][] sequence : labels) {
            for (int t = 0; t < steps; t++) {
                sequence[t] = label(network, random);
            }
        }
        return SequenceBatch.of(features, labels);
    }

    private static double[] label(NetworkSpec network, Random random) {
        double[] label = new double[network.nOut()];
        switch (network.activation()) {
            case IDENTITY -> {
                for (int k = 0; k < label.length; k++) {
                    label[k] = 0.5 * random.nextGaussian();
                }
            }
            case SIGMOID -> {
                for (int k = 0; k < label.length; k++) {
                    label[k] = random.nextBoolean() ? 1 : 0;
                }
            }
            case SOFTMAX -> label[random.nextInt(label.length)] = 1;
        }
        return label;
    }

    private static INDArray asFloat(INDArray array) {
        return array == null ? null : array.castTo(DataType.FLOAT);
    }
}
