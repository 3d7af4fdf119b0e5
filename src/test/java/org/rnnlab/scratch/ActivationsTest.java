package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void tanhIsWithinFourUlpOfMathTanhAcrossScales() {
        Random random = new Random(11);
        for (double scale : new double[] {1e-300, 1e-8, 0.01, 0.125, 0.2, 1, 5, 19, 25, 1e6}) {
            for (int k = 0; k < 200_000; k++) {
                double x = (2 * random.nextDouble() - 1) * scale;
                double expected = Math.tanh(x);
                double ulps = Math.abs(Activations.tanh(x) - expected) / Math.ulp(expected);
                assertTrue(ulps <= 4, "tanh(" + x + ") = " + Activations.tanh(x) + ", Math.tanh " + expected);
            }
        }
    }

    @Test
    void tanhKeepsSignsLimitsAndNaN() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activations.tanh(-0.0)));
        assertEquals(0.0, Activations.tanh(0.0));
        assertEquals(1.0, Activations.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activations.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(-1.0, Activations.tanh(-40));
        assertTrue(Double.isNaN(Activations.tanh(Double.NaN)));
        for (double x = 0.01; x < 30; x *= 1.7) {
            assertEquals(-Activations.tanh(x), Activations.tanh(-x), 0, "odd at " + x);
        }
    }

    @Test
    void sigmoidIsTheLogisticFunction() {
        assertEquals(0.5, Activations.sigmoid(0), 0);
        assertEquals(1 / (1 + Math.exp(-2.5)), Activations.sigmoid(2.5), 0);
        assertEquals(1.0, Activations.sigmoid(800), 0);
        assertEquals(0.0, Activations.sigmoid(-800), 0);
    }
}
