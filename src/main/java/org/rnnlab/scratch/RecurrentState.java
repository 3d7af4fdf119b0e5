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

    int miniBatch() {
        return h.length;
    }
}
