package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.FaultyNetworks;
import org.rnnlab.scratch.PlantedBug;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestBatches.MaskLayout;

/**
 * The float agreement: DL4J in float and the scratch network in float compute the same gradients
 * and follow the same training, to a tolerance derived from float's unit roundoff, and each stays
 * as close to the exact (double) result as float rounding explains.
 *
 * <p><b>The gradient tolerance.</b> Both sides start from the same float parameters and the same
 * float data, so what separates them from the double result, and from each other, is rounding
 * alone. A float sum of K terms is off by at most about λ·√K·u of the sum of magnitudes, with
 * u = 2⁻²⁴ and λ a small constant, when the rounding errors behave as independent (Higham and
 * Mary's probabilistic bound; the worst case, K·u, is never met in practice). A gradient of a
 * {@code T}-step sequence through {@code L} layers sits at the end of a chain of such sums: per
 * step and layer the products of width G·n (G gate blocks of n units) and a few elementwise
 * operations, then the sum over the T·mb rows of the weight gradient. With D = T·L·(G·n + nIn + 8)
 * + T·mb roundings on that chain, the block norms of the two float gradients and of each against
 * the double one must agree within λ·√D·u, with λ = 16 to leave room for the condition of the
 * sums (cancellation, e.g. a bias gradient summed over steps of both signs) that the bound does not
 * see. For the sizes here D is 250 to 900, so the tolerance is 1.5e-5 to 3e-5, against the 1e-8 of
 * the double cross-checks.
 *
 * <p><b>The trajectory tolerance.</b> Over 200 updates the two float runs and the double run drift
 * apart as rounding is fed back through training; how far depends on the dynamics, not on a
 * formula. So the measure is the double run itself: each float run's parameters move away from the
 * double run's by some distance, and the two float runs must be no further from each other than
 * twice the larger of those, which is what two independent roundings of one computation would
 * give. A real difference between the float implementations (one bug) moves them apart by far
 * more; {@link #aPlantedBugIsOutsideTheFloatTolerance} shows the tolerance catches one.
 */
class FloatAgreementTest {

    private static final double LAMBDA = 16;
    /** How far 200 float updates may move from the double ones, relative to the distance travelled. */
    private static final double DRIFT = 1e-3;
    private static final TrainingSpec SGD = CheckFixtures.training(UpdaterKind.SGD, 0.005, ClipSpec.none(), 1);
    private static final TrainingSpec ADAM = CheckFixtures.training(UpdaterKind.ADAM, 0.003, ClipSpec.none(), 1);

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static List<NetworkSpec> specs() {
        List<NetworkSpec> specs = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            specs.add(CheckFixtures.spec(cell, 3, 8, 2, 2, OutputMode.EVERY_STEP, CheckFixtures.OUTPUTS.get(0), true));
            specs.add(CheckFixtures.spec(cell, 3, 8, 1, 3, OutputMode.LAST_STEP, CheckFixtures.OUTPUTS.get(3), true));
        }
        return specs;
    }

    /** λ·√D·u for a gradient of {@code steps} steps and mb examples (see the class comment). */
    static double gradientTolerance(NetworkSpec spec, int mb, int steps) {
        double chain = (double) steps * spec.layers() * (spec.cell().blocks() * spec.hidden() + spec.nIn() + 8)
                + (double) steps * mb;
        return LAMBDA * Math.sqrt(chain) * Precision.FLOAT.unitRoundoff();
    }

    @Test
    void floatGradientsAgreeWithEachOtherAndWithDouble() {
        int mb = 4;
        int steps = 12;
        for (MaskLayout masks : List.of(MaskLayout.NONE, MaskLayout.PADDED_END)) {
            for (NetworkSpec spec : specs()) {
                NetworkSpec single = spec.withPrecision(Precision.FLOAT);
                MultiLayerNetwork dl4j = NetworkFactory.network(single, SGD);
                ScratchNetwork scratch = new ScratchNetwork(single, 1);
                ScratchNetwork exact = new ScratchNetwork(spec, 1);
                double[] parameters = ParameterBridge.flatParams(dl4j);
                scratch.setParams(parameters);
                exact.setParams(parameters);
                SequenceBatch batch = scratch.withOutputModeMask(
                        inFloat(CheckFixtures.batch(spec, mb, steps, masks, false, new Random(spec.hashCode()))));

                double[] fromDl4j = new double[parameters.length];
                double[] fromScratch = new double[parameters.length];
                double[] fromDouble = new double[parameters.length];
                double dl4jScore = GradientComparison.dl4jGradientAndScore(dl4j, batch, fromDl4j);
                double scratchScore = scratch.computeGradientAndScore(batch, fromScratch);
                double exactScore = exact.computeGradientAndScore(batch, fromDouble);

                double tolerance = gradientTolerance(spec, mb, steps);
                NormwiseError between = NormwiseError.of(scratch.layout(), fromScratch, fromDl4j);
                NormwiseError scratchToDouble = NormwiseError.of(scratch.layout(), fromScratch, fromDouble);
                NormwiseError dl4jToDouble = NormwiseError.of(scratch.layout(), fromDl4j, fromDouble);
                String where = spec.cell() + " " + spec.output() + " " + masks + ", tolerance " + tolerance
                        + ": dl4j-float vs scratch-float " + between + ", scratch-float vs double " + scratchToDouble
                        + ", dl4j-float vs double " + dl4jToDouble;
                assertTrue(between.worst() <= tolerance, where);
                assertTrue(scratchToDouble.worst() <= tolerance, where);
                assertTrue(dl4jToDouble.worst() <= tolerance, where);
                assertEquals(exactScore, scratchScore, tolerance * Math.abs(exactScore), where);
                assertEquals(exactScore, dl4jScore, tolerance * Math.abs(exactScore), where);
                // the float side does compute in float: its gradient is not the double one
                assertTrue(scratchToDouble.worst() > 0, where);
            }
        }
    }

    @Test
    void floatTrainingFollowsTheDoubleTrainingFor200Updates() {
        for (NetworkSpec spec : specs()) {
            // Adam for every network; SGD, whose steps carry the gradient's rounding unscaled, for the LSTMs
            for (TrainingSpec training : spec.cell() == CellType.LSTM ? List.of(SGD, ADAM) : List.of(ADAM)) {
                Trajectories runs = train(spec, training, 200, PlantedBug.NONE);
                String where = spec.cell() + " " + spec.output() + " " + training.updater() + ": " + runs;
                assertTrue(runs.agree(), where);
            }
        }
    }

    @Test
    void aPlantedBugIsOutsideTheFloatTolerance() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 3, 8, 1, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        Trajectories runs = train(spec, ADAM, 200, PlantedBug.WRONG_TANH_DERIVATIVE);
        assertFalse(runs.agree(), runs.toString());
    }

    /** Where three trainings from one float start ended: DL4J float, scratch float, the double run. */
    private record Trajectories(NormwiseError between, NormwiseError scratchToDouble, NormwiseError dl4jToDouble) {

        /**
         * The float runs are each within {@link #DRIFT} of their double runs, and no further from
         * each other than twice the larger of those distances.
         */
        boolean agree() {
            double explained = Math.max(scratchToDouble.worst(), dl4jToDouble.worst());
            return explained <= DRIFT && between.worst() <= 2 * explained;
        }

        @Override
        public String toString() {
            return "dl4j-float vs scratch-float " + between + ", scratch-float vs double " + scratchToDouble
                    + ", dl4j-float vs double " + dl4jToDouble;
        }
    }

    /**
     * Trains DL4J float, scratch float and scratch double (the double run: DL4J double agrees with it
     * to 1e-12, see {@link TrajectoryComparison}) from DL4J float's initial parameters on the same
     * float data; compares the distances they moved, block by block.
     */
    private static Trajectories train(NetworkSpec spec, TrainingSpec training, int updates, PlantedBug bug) {
        NetworkSpec single = spec.withPrecision(Precision.FLOAT);
        MultiLayerNetwork dl4jFloat = NetworkFactory.network(single, training);
        double[] start = ParameterBridge.flatParams(dl4jFloat);
        ScratchNetwork scratchFloat = bug == PlantedBug.NONE ? new ScratchNetwork(single, 1)
                : FaultyNetworks.withBug(single, 1, bug);
        ScratchNetwork scratchDouble = new ScratchNetwork(spec, 1);
        scratchFloat.setParams(start);
        scratchDouble.setParams(start);
        ScratchTrainer floatTrainer = new ScratchTrainer(scratchFloat, training);
        ScratchTrainer doubleTrainer = new ScratchTrainer(scratchDouble, training);

        Random random = new Random(spec.hashCode() + training.hashCode());
        List<SequenceBatch> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            batches.add(scratchFloat.withOutputModeMask(inFloat(CheckFixtures.batch(spec, 4, 10, MaskLayout.NONE,
                    false, random))));
        }
        for (int k = 0; k < updates; k++) {
            SequenceBatch batch = batches.get(k % batches.size());
            DataSet data = Batches.toDataSet(batch);
            dl4jFloat.fit(Batches.inTypeOf(dl4jFloat, data));
            floatTrainer.fit(batch);
            doubleTrainer.fit(batch);
        }
        double[] exact = moved(scratchDouble.params(), start);
        double[] fromScratch = moved(scratchFloat.params(), start);
        double[] fromDl4j = moved(ParameterBridge.flatParams(dl4jFloat), start);
        return new Trajectories(NormwiseError.of(scratchFloat.layout(), fromDl4j, fromScratch),
                NormwiseError.of(scratchFloat.layout(), fromScratch, exact),
                NormwiseError.of(scratchFloat.layout(), fromDl4j, exact));
    }

    private static double[] moved(double[] parameters, double[] start) {
        double[] moved = new double[parameters.length];
        for (int k = 0; k < moved.length; k++) {
            moved[k] = parameters[k] - start[k];
        }
        return moved;
    }

    /** The batch with every feature and label rounded to float, the data both float sides see. */
    static SequenceBatch inFloat(SequenceBatch batch) {
        for (double[][] example : batch.features()) {
            for (double[] step : example) {
                for (int i = 0; i < step.length; i++) {
                    step[i] = (float) step[i];
                }
            }
        }
        for (double[][] example : batch.labels()) {
            for (double[] step : example) {
                for (int i = 0; i < step.length; i++) {
                    step[i] = (float) step[i];
                }
            }
        }
        return batch;
    }
}
