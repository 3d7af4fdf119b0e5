package org.rnnlab.data.files;

import java.nio.file.Path;

/**
 * The values of a series file ({@link SeriesFile}) with the file they were read from, so that a
 * reader built over them can name the file when they do not fit its windows.
 */
public final class Series {

    private final Path file;
    private final double[] values;

    /**
     * @param file   where the values came from
     * @param values the series, in time order (copied)
     */
    public Series(Path file, double[] values) {
        if (file == null || values == null) {
            throw new IllegalArgumentException("a series needs its file and its values");
        }
        this.file = file;
        this.values = values.clone();
    }

    /** Reads every value of a series file, as {@link SeriesFile#read} checks them. */
    public static Series read(Path file) {
        return new Series(file, SeriesFile.read(file));
    }

    /** The file the values were read from. */
    public Path file() {
        return file;
    }

    /** Number of values. */
    public int length() {
        return values.length;
    }

    /** Value {@code t} (from 0). */
    public double value(int t) {
        return values[t];
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return values.length + " values of " + file;
    }
}
