package org.rnnlab.scratch;

/**
 * What a recurrent layer carries from one step to the next, per example: the output h and, for an
 * LSTM, the cell c. Rows are [example][unit]; a missing state (null) means zeros, as in DL4J.
 */
final class RecurrentState {

    final double[][] h;
    /** The LSTM cell; null for a SimpleRnn. */
    final double[][] c;

    RecurrentState(int miniBatch, int hidden, boolean hasCell) {
        this.h = new double[miniBatch][hidden];
        this.c = hasCell ? new double[miniBatch][hidden] : null;
    }

    /** Sets example e's state to copies of h and, for an LSTM, c. */
    void set(int e, double[] h, double[] c) {
        System.arraycopy(h, 0, this.h[e], 0, this.h[e].length);
        if (this.c != null) {
            System.arraycopy(c, 0, this.c[e], 0, this.c[e].length);
        }
    }

    int miniBatch() {
        return h.length;
    }
}
