package org.rnnlab.bench;

/**
 * One line of the protocol section: an original training recipe run whole by the scratch network.
 *
 * @param settings     the settings file's name
 * @param batch        examples per step
 * @param epochs       epochs trained
 * @param fitSeconds   the training steps alone, including reading each minibatch from its iterator
 * @param wallSeconds  the whole run: data, training, evaluation, plots, saving
 * @param heldoutName  the metric reported, e.g. "test_loss"
 * @param heldoutValue its value after training
 */
public record ProtocolRow(String settings, int batch, double epochs, double fitSeconds, double wallSeconds,
                          String heldoutName, double heldoutValue) {
}
