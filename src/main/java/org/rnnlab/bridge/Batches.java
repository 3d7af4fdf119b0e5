package org.rnnlab.bridge;

import java.util.Arrays;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.scratch.SequenceBatch;

/**
 * Converts minibatches between the scratch network's {@link SequenceBatch} ([example][step][unit])
 * and DL4J's arrays in its default NCW layout: features [mb, nIn, T], labels [mb, nOut, T], masks
 * [mb, T]. Values are copied, never shared, and arrive in double precision on either side.
 */
public final class Batches {

    private Batches() {
    }

    /** The batch as a DL4J DataSet: NCW features and labels, and its masks (null where it has none). */
    public static DataSet toDataSet(SequenceBatch batch) {
        return new DataSet(toNcw(batch.features()), toNcw(batch.labels()), toMask(batch.featureMask()),
                toMask(batch.labelMask()));
    }

    /**
     * The minibatch in the network's floating-point type: DataVec's iterators make arrays in ND4J's
     * default type (double), and a float network is given float copies instead of mixed types.
     */
    public static DataSet inTypeOf(MultiLayerNetwork net, DataSet batch) {
        DataType type = net.getLayerWiseConfigurations().getDataType();
        if (batch.getFeatures().dataType() == type) {
            return batch;
        }
        DataSet cast = new DataSet(castTo(batch.getFeatures(), type), castTo(batch.getLabels(), type),
                castTo(batch.getFeaturesMaskArray(), type), castTo(batch.getLabelsMaskArray(), type));
        cast.setExampleMetaData(batch.getExampleMetaData());
        return cast;
    }

    /** The array in the given type (itself when it is already), or null for null. */
    public static INDArray castTo(INDArray array, DataType type) {
        return array == null || array.dataType() == type ? array : array.castTo(type);
    }

    /** A DataSet with NCW features and labels, and [mb, T] masks or none, as a SequenceBatch. */
    public static SequenceBatch fromDataSet(DataSet data) {
        return fromArrays(data.getFeatures(), data.getLabels(), data.getFeaturesMaskArray(),
                data.getLabelsMaskArray());
    }

    /**
     * A SequenceBatch from DL4J arrays.
     *
     * @param features    [mb, nIn, T]
     * @param labels      [mb, nOut, T]
     * @param featureMask [mb, T] of 0/1, or null
     * @param labelMask   [mb, T] of 0/1, or null
     */
    public static SequenceBatch fromArrays(INDArray features, INDArray labels, INDArray featureMask,
                                           INDArray labelMask) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("a batch needs features and labels");
        }
        requireRank(features, 3, "features", "[mb, nIn, T]");
        requireRank(labels, 3, "labels", "[mb, nOut, T]");
        if (labels.size(0) != features.size(0) || labels.size(2) != features.size(2)) {
            throw new IllegalArgumentException("features " + Arrays.toString(features.shape()) + " and labels "
                    + Arrays.toString(labels.shape()) + " differ in minibatch or time steps");
        }
        long[] maskShape = {features.size(0), features.size(2)};
        return new SequenceBatch(fromNcw(features), fromNcw(labels), fromMask(featureMask, "feature mask", maskShape),
                fromMask(labelMask, "label mask", maskShape));
    }

    /** Sequences [example][step][unit], all of one length and width, as an NCW array [mb, units, T]. */
    public static INDArray toNcw(double[][][] steps) {
        if (steps == null || steps.length == 0 || steps[0] == null || steps[0].length == 0 || steps[0][0] == null) {
            throw new IllegalArgumentException("sequences need at least one example with one step");
        }
        int mb = steps.length;
        int timeSteps = steps[0].length;
        int units = steps[0][0].length;
        for (int e = 0; e < mb; e++) {
            if (steps[e] == null || steps[e].length != timeSteps) {
                throw new IllegalArgumentException("example " + e + " has "
                        + (steps[e] == null ? "no" : steps[e].length) + " steps, example 0 has " + timeSteps);
            }
            for (int t = 0; t < timeSteps; t++) {
                if (steps[e][t] == null || steps[e][t].length != units) {
                    throw new IllegalArgumentException("example " + e + " step " + t + " has "
                            + (steps[e][t] == null ? "no" : steps[e][t].length) + " units, expected " + units);
                }
            }
        }
        double[] flat = new double[mb * units * timeSteps];
        int k = 0;
        for (int e = 0; e < mb; e++) {
            for (int u = 0; u < units; u++) {
                for (int t = 0; t < timeSteps; t++) {
                    flat[k++] = steps[e][t][u];
                }
            }
        }
        return Nd4j.create(flat, new long[] {mb, units, timeSteps}, 'c');
    }

    /** An NCW array [mb, units, T] as sequences [example][step][unit]. */
    public static double[][][] fromNcw(INDArray ncw) {
        requireRank(ncw, 3, "array", "[mb, units, T]");
        int mb = Math.toIntExact(ncw.size(0));
        int units = Math.toIntExact(ncw.size(1));
        int timeSteps = Math.toIntExact(ncw.size(2));
        double[] flat = cOrderValues(ncw);
        double[][][] steps = new double[mb][timeSteps][units];
        int k = 0;
        for (int e = 0; e < mb; e++) {
            for (int u = 0; u < units; u++) {
                for (int t = 0; t < timeSteps; t++) {
                    steps[e][t][u] = flat[k++];
                }
            }
        }
        return steps;
    }

    /** A mask [example][step] as a DL4J mask [mb, T]; null stays null. */
    public static INDArray toMask(double[][] mask) {
        return mask == null ? null : Nd4j.createFromArray(mask);
    }

    /** A DL4J mask [mb, T] as [example][step]; null stays null. */
    public static double[][] fromMask(INDArray mask) {
        if (mask == null) {
            return null;
        }
        requireRank(mask, 2, "mask", "[mb, T]");
        return fromMask(mask, "mask", mask.shape());
    }

    private static double[][] fromMask(INDArray mask, String what, long[] expectedShape) {
        if (mask == null) {
            return null;
        }
        if (!Arrays.equals(mask.shape(), expectedShape)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(mask.shape()) + ", expected "
                    + Arrays.toString(expectedShape) + " ([mb, T]); per-output masks are not supported");
        }
        int mb = Math.toIntExact(expectedShape[0]);
        int timeSteps = Math.toIntExact(expectedShape[1]);
        double[] flat = cOrderValues(mask);
        double[][] result = new double[mb][timeSteps];
        for (int e = 0; e < mb; e++) {
            System.arraycopy(flat, e * timeSteps, result[e], 0, timeSteps);
        }
        return result;
    }

    /**
     * Every value of the array, as doubles in C (row-major) order. An array that owns its whole
     * buffer (what the iterators hand out) is read straight from it: a native op per array costs
     * more than a minibatch-1 training step of the scratch network.
     */
    private static double[] cOrderValues(INDArray array) {
        if (!ownsWholeBuffer(array)) {
            return Nd4j.toFlattened('c', array.castTo(DataType.DOUBLE)).toDoubleVector();
        }
        double[] stored = array.data().asDouble();
        if (array.ordering() == 'c' || array.rank() < 2) {
            return stored;
        }
        // 'f' order: the first index varies fastest; walk the indices in C order
        long[] shape = array.shape();
        int rank = shape.length;
        long[] fStride = new long[rank];
        long stride = 1;
        for (int d = 0; d < rank; d++) {
            fStride[d] = stride;
            stride *= shape[d];
        }
        double[] values = new double[stored.length];
        long[] index = new long[rank];
        for (int k = 0; k < values.length; k++) {
            long at = 0;
            for (int d = 0; d < rank; d++) {
                at += index[d] * fStride[d];
            }
            values[k] = stored[(int) at];
            for (int d = rank - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return values;
    }

    /** A dense 'c' or 'f' array of doubles that starts its buffer and fills it exactly. */
    private static boolean ownsWholeBuffer(INDArray array) {
        return array.dataType() == DataType.DOUBLE && !array.isView() && array.offset() == 0
                && array.data().length() == array.length() && (array.ordering() == 'c' || array.ordering() == 'f');
    }

    private static void requireRank(INDArray array, int rank, String what, String layout) {
        if (array.rank() != rank) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(array.shape()) + "; expected "
                    + layout);
        }
    }
}
