package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuartilesTest {

    @Test
    void quartilesInterpolateBetweenNeighbouringRanks() {
        double[] sample = {4, 1, 3, 2};
        Quartiles q = Quartiles.of(sample);
        assertEquals(1.75, q.lower(), 1e-12);
        assertEquals(2.5, q.median(), 1e-12);
        assertEquals(3.25, q.upper(), 1e-12);
        assertEquals(1.5, q.interquartileRange(), 1e-12);
        assertArrayEquals(new double[] {4, 1, 3, 2}, sample, "the sample is not reordered");

        Quartiles odd = Quartiles.of(new double[] {10, 30, 20, 50, 40});
        assertEquals(30, odd.median(), 1e-12);
        assertEquals(20, odd.lower(), 1e-12);
        assertEquals(40, odd.upper(), 1e-12);

        Quartiles single = Quartiles.of(new double[] {7});
        assertEquals(7, single.median());
        assertEquals(0, single.interquartileRange());
    }

    @Test
    void medianIgnoresOneStretchedStep() {
        Quartiles q = Quartiles.of(new double[] {10, 10, 11, 10, 900});
        assertEquals(10, q.median(), 1e-12);
        assertEquals(1, q.interquartileRange(), 1e-12);
    }

    @Test
    void quartilesRefuseEmptyOrNaNSamples() {
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[] {1, Double.NaN}));
    }
}
