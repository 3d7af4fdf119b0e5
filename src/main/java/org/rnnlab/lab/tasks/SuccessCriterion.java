package org.rnnlab.lab.tasks;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * When a task counts as solved, checked on the model as it is now: a study checks it after every
 * epoch, so it knows how many training sequences a network needed before the criterion first held,
 * and may stop there.
 */
public interface SuccessCriterion {

    /** The criterion in words, e.g. "test MSE < 0.01 on 1,000 fixed sequences". */
    String description();

    /** The headline metric among {@link #measure}'s, e.g. "test_mse". */
    String metric();

    /** Every number the criterion looks at (and a few beside it), for the model as it is now. */
    Map<String, Double> measure(SequenceModel model);

    /** Whether the criterion holds for numbers {@link #measure} returned. */
    boolean holds(Map<String, Double> measured);

    /** What the original paper reported for this task, for the tables; empty when there is none. */
    default String reference() {
        return "";
    }

    /** A criterion from its parts; {@code reference} may be empty. */
    static SuccessCriterion of(String description, String metric, Function<SequenceModel, Map<String, Double>> measure,
                               Predicate<Map<String, Double>> holds, String reference) {
        return new Parts(description, metric, measure, holds, reference);
    }

    /** The criterion {@link #of} makes. */
    record Parts(String description, String metric, Function<SequenceModel, Map<String, Double>> measurer,
                 Predicate<Map<String, Double>> test, String reference) implements SuccessCriterion {

        @Override
        public Map<String, Double> measure(SequenceModel model) {
            return measurer.apply(model);
        }

        @Override
        public boolean holds(Map<String, Double> measured) {
            return test.test(measured);
        }
    }
}
