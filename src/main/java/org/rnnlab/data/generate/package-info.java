/**
 * Sequences made in code, deterministic from their seeds: the sine series, the synthetic control
 * chart series (and the Bayes-optimal classifier worked out from their equations), and the
 * long-lag tasks' generators (adding problem, temporal order, embedded Reber grammar), which draw
 * {@link org.rnnlab.data.generate.GeneratedSequence}s through a
 * {@link org.rnnlab.data.generate.SequenceGenerator}.
 */
package org.rnnlab.data.generate;
