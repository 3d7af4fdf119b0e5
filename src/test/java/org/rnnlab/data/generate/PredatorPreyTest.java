package org.rnnlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The predator-prey generator: deterministic, its equations have the equilibrium the formulas give,
 * and the series cycles as the README says (prey booms, predators peak after them, about 27 months).
 */
class PredatorPreyTest {

    private static final List<PredatorPrey.Month> MONTHS = PredatorPrey.generate(PredatorPrey.SEED);

    @Test
    void sameSeedGivesTheSameSeriesAndAnotherSeedAnother() {
        assertEquals(MONTHS, PredatorPrey.generate(PredatorPrey.SEED));
        List<PredatorPrey.Month> other = PredatorPrey.generate(PredatorPrey.SEED + 1);
        assertNotEquals(MONTHS.get(0), other.get(0));
        assertEquals(PredatorPrey.MONTHS, other.size());
    }

    @Test
    void theEquilibriumIsAFixedPointOfTheIntegratedEquations() {
        double[] equilibrium = PredatorPrey.equilibrium();
        double[] rates = PredatorPrey.rates(equilibrium[0], equilibrium[1]);
        assertEquals(0, rates[0], 1e-12);
        assertEquals(0, rates[1], 1e-12);
        double[] month = PredatorPrey.month(equilibrium[0], equilibrium[1]);
        assertEquals(equilibrium[0], month[0], 1e-10);
        assertEquals(equilibrium[1], month[1], 1e-10);
        double[] moved = PredatorPrey.month(equilibrium[0] + 1, equilibrium[1]);
        assertTrue(Math.abs(moved[0] - equilibrium[0] - 1) > 1e-3, "a month away from the equilibrium moves: "
                + moved[0]);
    }

    @Test
    void theEquilibriumIsUnstableSoTheNoiseFreeSystemCyclesAroundIt() {
        double[] equilibrium = PredatorPrey.equilibrium();
        double[] state = {equilibrium[0] + 0.01, equilibrium[1]};
        List<Double> prey = new ArrayList<>();
        for (int month = 0; month < 1200; month++) {
            state = PredatorPrey.month(state[0], state[1]);
            if (month >= 600) {
                prey.add(state[0]);
            }
        }
        double lowest = prey.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = prey.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(lowest < equilibrium[0] / 2 && highest > 2 * equilibrium[0],
                "a nudge of 0.01 grows into a cycle: prey " + lowest + ".." + highest + " around " + equilibrium[0]);
    }

    @Test
    void preyBoomAndCrashAboutEvery27MonthsWithPredatorsPeakingAfterThem() {
        double[] prey = new double[MONTHS.size()];
        double[] predator = new double[MONTHS.size()];
        for (int t = 0; t < prey.length; t++) {
            prey[t] = MONTHS.get(t).prey();
            predator[t] = MONTHS.get(t).predator();
        }
        double period = (double) prey.length / upwardCrossings(prey);
        assertTrue(period > 24 && period < 30, "months per cycle: " + period);
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -13; lag <= 13; lag++) {
            double correlation = correlation(prey, predator, lag);
            if (correlation > best) {
                best = correlation;
                bestLag = lag;
            }
        }
        assertTrue(bestLag >= 2 && bestLag <= 8, "predators follow prey by a few months, not " + bestLag);
        assertTrue(best > 0.5, "and closely: correlation " + best);
    }

    @Test
    void countsArePositiveWithTwoDecimalsThatReadBackExactly() {
        String csv = PredatorPrey.csv(MONTHS);
        String[] lines = csv.split("\n");
        assertEquals("month,prey,predator", lines[0]);
        assertEquals(PredatorPrey.MONTHS + 1, lines.length);
        for (int t = 0; t < MONTHS.size(); t++) {
            String[] cells = lines[t + 1].split(",");
            assertEquals(Integer.toString(t + 1), cells[0]);
            PredatorPrey.Month month = MONTHS.get(t);
            assertTrue(month.prey() > 0 && month.predator() > 0, month.toString());
            assertEquals(month.prey(), Double.parseDouble(cells[1]), 0.0, lines[t + 1]);
            assertEquals(month.predator(), Double.parseDouble(cells[2]), 0.0, lines[t + 1]);
            assertEquals(2, cells[1].length() - cells[1].indexOf('.') - 1, lines[t + 1]);
            assertEquals(2, cells[2].length() - cells[2].indexOf('.') - 1, lines[t + 1]);
        }
    }

    /** Times the series rises through its mean. */
    private static int upwardCrossings(double[] values) {
        double mean = mean(values);
        int crossings = 0;
        for (int t = 1; t < values.length; t++) {
            if (values[t - 1] < mean && values[t] >= mean) {
                crossings++;
            }
        }
        return crossings;
    }

    /** Correlation of a(t) with b(t + lag) over the months both exist. */
    private static double correlation(double[] a, double[] b, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(a.length, b.length - lag);
        double[] x = java.util.Arrays.copyOfRange(a, from, to);
        double[] y = new double[x.length];
        for (int t = from; t < to; t++) {
            y[t - from] = b[t + lag];
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
