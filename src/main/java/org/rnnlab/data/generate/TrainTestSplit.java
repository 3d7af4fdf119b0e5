package org.rnnlab.data.generate;

import java.util.List;
import org.rnnlab.data.files.LabelledSequence;

/**
 * Labelled sequences split into a training and a test part.
 *
 * @param train the training sequences, in the order they are written and read
 * @param test  the held-out sequences
 */
public record TrainTestSplit(List<LabelledSequence> train, List<LabelledSequence> test) {

    public TrainTestSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
