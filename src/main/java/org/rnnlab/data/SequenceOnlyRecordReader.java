package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.util.List;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.writable.Writable;

/**
 * What every rnnlab reader shares: it yields whole sequences only, so DataVec's record-at-a-time
 * methods refuse with a message saying what to call instead; its targets are numbers, so it has no
 * label names; and it holds nothing open between calls.
 */
public abstract class SequenceOnlyRecordReader extends BaseRecordReader implements SequenceRecordReader {

    private Configuration conf;

    /** Not supported: read sequences with {@link #sequenceRecord()}. */
    @Override
    public List<Writable> next() {
        throw notARecordReader("use sequenceRecord() or nextSequence()");
    }

    /** Not supported: read sequences with {@link #nextSequence()}. */
    @Override
    public Record nextRecord() {
        throw notARecordReader("use nextSequence()");
    }

    /** Not supported: this reader yields sequences. */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw notARecordReader("use sequenceRecord()");
    }

    /** Not supported: reload sequences with {@code loadSequenceFromMetaData}, where the reader allows it. */
    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw notARecordReader("use loadSequenceFromMetaData()");
    }

    /** Not supported: reload sequences with {@code loadSequenceFromMetaData}, where the reader allows it. */
    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw notARecordReader("use loadSequenceFromMetaData()");
    }

    /** Always null: targets are numbers in the data, not class names. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void close() {
        // nothing is held open: data is read into memory when the reader is set up
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    private UnsupportedOperationException notARecordReader(String instead) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is a sequence reader: " + instead);
    }
}
