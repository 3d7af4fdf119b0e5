/**
 * The DataVec side: a record reader per kind of example, each built over data already read or
 * drawn (one shared base, {@link org.rnnlab.data.datavec.IndexedSequenceRecordReader}), and the
 * {@code SequenceRecordReaderDataSetIterator}s every training and evaluation reads through
 * ({@link org.rnnlab.data.datavec.SequenceIterators}).
 */
package org.rnnlab.data.datavec;
