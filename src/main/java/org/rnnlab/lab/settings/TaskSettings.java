package org.rnnlab.lab.settings;

import java.nio.file.Path;
import java.util.List;

import org.rnnlab.spec.OutputMode;

/**
 * What a task kind read from the kind's own keys of a settings file: its data and evaluation
 * choices, and the three facts about the data that the network is built from. Each kind has its own
 * record implementing this (see the task kinds in {@code lab.tasks}).
 */
public interface TaskSettings {

    /** The value of the {@code experiment} key that selects this kind. */
    String kind();

    /** Features per time step the data gives the network. */
    int nIn();

    /** Output units the data's labels need. */
    int nOut();

    /** Whether the network answers once per sequence or at every step. */
    OutputMode outputMode();

    /** Time steps of one training sequence (a window, a string, a segment). */
    int sequenceLength();

    /** Every data file the settings name, resolved, in the order of the keys. */
    List<Path> dataFiles();
}
