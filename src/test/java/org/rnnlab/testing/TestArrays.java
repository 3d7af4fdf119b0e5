package org.rnnlab.testing;

/** Small array helpers for the tests. */
public final class TestArrays {

    private TestArrays() {
    }

    public static double maxAbsDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }
}
