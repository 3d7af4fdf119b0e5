package org.rnnlab.lab.training;

/** Training produced a NaN or infinite score: the run stops instead of reporting such numbers. */
public class TrainingDivergedException extends RuntimeException {

    private final String experiment;
    private final int epoch;

    public TrainingDivergedException(String experiment, int epoch, String what) {
        super(experiment + ": training diverged at epoch " + epoch + " (" + what + "); lower learning.rate, "
                + "or clip the gradient (clip = elementwise T | l2 T)");
        this.experiment = experiment;
        this.epoch = epoch;
    }

    public String experiment() {
        return experiment;
    }

    public int epoch() {
        return epoch;
    }
}
