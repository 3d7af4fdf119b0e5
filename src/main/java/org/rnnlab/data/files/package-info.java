/**
 * The data file formats and their checks: series files, letters files, header CSV tables,
 * labelled-rows files, numbered sequence files, UTF-8 text and vocabularies, with the values each
 * holds once read ({@link org.rnnlab.data.files.Series}, {@link org.rnnlab.data.files.CsvTable},
 * {@link org.rnnlab.data.files.LabelledSequenceSet}, {@link org.rnnlab.data.files.TextCharacters},
 * ...). Every file is read through {@link org.rnnlab.data.files.TextFile}, within the
 * {@link org.rnnlab.data.files.DataFileLimits limits}; a bad file stops with a
 * {@link org.rnnlab.data.files.DataFileException} naming the file, line and column.
 */
package org.rnnlab.data.files;
