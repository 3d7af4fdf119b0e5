package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.testing.GradientCheck;

class NumericalGradientTest {

    @Test
    void centralDifferencesOfAKnownFunctionAndPointRestored() {
        double[] point = {1.5, -2.0, 0.25};
        double[] before = point.clone();
        // f = x0² + x0·x1 + sin(x2): ∇f = (2x0 + x1, x0, cos(x2))
        double[] gradient = NumericalGradient.centralDifferences(
                p -> p[0] * p[0] + p[0] * p[1] + Math.sin(p[2]), point, 1e-6);

        assertArrayEquals(new double[] {1.0, 1.5, Math.cos(0.25)}, gradient, 1e-9);
        assertArrayEquals(before, point, 0);
    }

    @Test
    void relativeErrorUsesTheLargerMagnitudeAndTheFloor() {
        assertEquals(0.5, GradientCheck.relativeError(1.0, 2.0, 1e-8), 1e-15);
        assertEquals(0.5, GradientCheck.relativeError(-2.0, -1.0, 1e-8), 1e-15);
        assertEquals(0.0, GradientCheck.relativeError(1e-12, -1e-12, 1e-8));
        assertEquals(2.0, GradientCheck.relativeError(1e-6, -1e-6, 1e-8), 1e-15);
    }

    @Test
    void compareReportsTheWorstEntry() {
        GradientCheck.Worst result = GradientCheck.compare(
                new double[] {1.0, 2.0, 3.0}, new double[] {1.0, 2.2, 3.0}, 1e-8);
        assertEquals(1, result.worstIndex());
        assertEquals(0.2 / 2.2, result.maxRelativeError(), 1e-12);
        assertEquals(2.0, result.analytic());
        assertEquals(2.2, result.numeric());

        GradientCheck.Worst withNaN = GradientCheck.compare(
                new double[] {1.0, Double.NaN}, new double[] {1.0, 1.0}, 1e-8);
        assertTrue(Double.isNaN(withNaN.maxRelativeError()), "a NaN gradient must not pass");
        assertEquals(1, withNaN.worstIndex());
    }
}
