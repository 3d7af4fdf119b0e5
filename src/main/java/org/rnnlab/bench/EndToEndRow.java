package org.rnnlab.bench;

/**
 * One line of the end-to-end section: a reference experiment trained whole by one implementation.
 *
 * @param settings       the settings file's name
 * @param implementation "dl4j" or "scratch"
 * @param epochs         epochs trained (fewer than the settings say when training stopped early)
 * @param wallSeconds    the whole run: data, training, evaluation, plots, saving
 * @param fitSeconds     the training steps alone
 * @param wallSpeedVsDl4j DL4J's wall time over this row's (above 1 is faster)
 * @param fitSpeedVsDl4j DL4J's fit time over this row's
 * @param status         "ok", or why the run has no numbers
 */
public record EndToEndRow(String settings, String implementation, double epochs, double wallSeconds,
                          double fitSeconds, double wallSpeedVsDl4j, double fitSpeedVsDl4j,
                          String status) {
}
