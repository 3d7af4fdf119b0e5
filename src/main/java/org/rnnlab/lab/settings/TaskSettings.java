package org.rnnlab.lab.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * What a task kind read from the kind's own keys of a settings file: its data and evaluation
 * choices, and the shape of the data that the network is built for. Each kind has its own
 * record implementing this (see the task kinds in {@code lab.tasks}).
 */
public interface TaskSettings {

    /** The value of the {@code experiment} key that selects this kind. */
    String kind();

    /** What the data asks of the network. */
    SequenceShape shape();

    /** Every data file the settings name, resolved, in the order of the keys. */
    List<Path> dataFiles();
}
