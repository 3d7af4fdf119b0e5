package org.rnnlab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The 95% Wilson interval against values worked out by hand from its formula. */
class WilsonIntervalTest {

    private static void assertInterval(double low, double high, WilsonInterval interval) {
        assertEquals(low, interval.low(), 1e-6, "low");
        assertEquals(high, interval.high(), 1e-6, "high");
    }

    @Test
    void noSuccessInTenReachesUpToZSquaredOverNPlusZSquared() {
        // k = 0: the interval is [0, z²/(n + z²)] = [0, 3.841459/13.841459]
        assertInterval(0.0, 0.277533, WilsonInterval.of95(0, 10));
    }

    @Test
    void tenOfTenMirrorsNoneOfTen() {
        assertInterval(0.722467, 1.0, WilsonInterval.of95(10, 10));
    }

    @Test
    void halfAndEightOfTenAndOneOfThree() {
        assertInterval(0.236593, 0.763407, WilsonInterval.of95(5, 10));
        assertInterval(0.490162, 0.943318, WilsonInterval.of95(8, 10));
        assertInterval(0.061492, 0.792340, WilsonInterval.of95(1, 3));
    }

    @Test
    void testInvalidCounts() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(4, 3));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(0, 0));
    }
}
