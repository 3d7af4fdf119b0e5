package org.rnnlab.check;

/**
 * How two numbers that should be equal are compared: |a − b| / max(|a|, |b|), with two ways to
 * call an entry equal whatever that ratio says.
 *
 * @param negligible         when |a| and |b| are both below this, the entry counts as equal
 *                           (rounding noise around zero); 0 to switch off
 * @param absoluteTolerance  when |a − b| is at most this, the entry counts as equal (the noise of
 *                           finite differences); 0 to switch off
 */
public record RelativeError(double negligible, double absoluteTolerance) {

    /** Analytic against analytic (DL4J against scratch): entries both below 1e-12 are equal. */
    public static final RelativeError ANALYTIC = new RelativeError(1e-12, 0);

    public RelativeError {
        if (!(negligible >= 0) || !(absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative, got negligible=" + negligible
                    + ", absoluteTolerance=" + absoluteTolerance);
        }
    }

    /** The relative error of one pair; NaN when either is NaN, infinite values compare as numbers. */
    public double of(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        if (a == b) {
            return 0;
        }
        double difference = Math.abs(a - b);
        if (Math.abs(a) < negligible && Math.abs(b) < negligible || difference <= absoluteTolerance) {
            return 0;
        }
        return difference / Math.max(Math.abs(a), Math.abs(b));
    }

    /** The rule in words, for report headers. */
    public String describe() {
        StringBuilder text = new StringBuilder("relative error |a-b|/max(|a|,|b|)");
        if (negligible > 0) {
            text.append("; 0 where |a| and |b| are both below ").append(negligible);
        }
        if (absoluteTolerance > 0) {
            text.append("; 0 where |a-b| <= ").append(absoluteTolerance);
        }
        return text.toString();
    }
}
