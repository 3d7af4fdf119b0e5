package org.rnnlab.scratch;

/**
 * Watches a {@link ScratchTrainer}'s updates, as DL4J's training listeners watch a network's: it is
 * told about every update, and gets copies of the arrays only for the updates it asks to see.
 */
public interface StepObserver {

    /**
     * Whether the update about to be made, counted from 0 over the whole run, is one to see in full;
     * the trainer copies arrays only for those.
     */
    boolean observes(int iteration);

    /**
     * Called after every update.
     *
     * @param iteration  the update's count, from 0 (DL4J's iteration number in {@code iterationDone})
     * @param score      the score of the gradient computation the update came from
     * @param examples   sequences in the minibatch
     * @param gradient   the gradient of the minibatch's summed loss, before the division by its size
     *                   and before clipping: what DL4J's listeners see in {@code onGradientCalculation},
     *                   since DL4J's updater divides later; null when {@link #observes} said no
     * @param update     what was subtracted from every parameter; null when not observed
     * @param parameters the parameters after the update; null when not observed
     */
    void updated(int iteration, double score, int examples, double[] gradient, double[] update, double[] parameters);
}
