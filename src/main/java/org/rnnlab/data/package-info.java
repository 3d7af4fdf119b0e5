/**
 * The data of rnnlab's experiments, split by concern into three packages, lowest first:
 *
 * <ul>
 *   <li>{@link org.rnnlab.data.files}: the data file formats and their checks (series, letters,
 *       header CSV tables, labelled rows, numbered sequence files, text, vocabularies), the values
 *       they hold once read, and the limits and messages of every reader;</li>
 *   <li>{@link org.rnnlab.data.generate}: the sequences rnnlab makes in code (sine windows, control
 *       chart series and their Bayes-optimal classifier, the adding problem, temporal order, the
 *       embedded Reber grammar);</li>
 *   <li>{@link org.rnnlab.data.datavec}: the DataVec record readers, each built over data already
 *       read or drawn, and the DataSet iterators every training and evaluation reads through.</li>
 * </ul>
 *
 * <p>This package itself holds where the data lives ({@link org.rnnlab.data.DataFiles}) and the
 * runnable classes that write the committed data folder ({@link org.rnnlab.data.DataGenerator},
 * {@link org.rnnlab.data.DocumentationCorpus}).
 */
package org.rnnlab.data;
