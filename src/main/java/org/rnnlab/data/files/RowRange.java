package org.rnnlab.data.files;

/**
 * A contiguous range of data rows of a table, both ends included, counting data rows from 0 (the
 * header and comment lines do not count; {@link CsvTable#line(int)} gives a row's line in the file).
 *
 * @param first the first row of the range
 * @param last  the last row of the range, at least {@code first}
 */
public record RowRange(int first, int last) {

    public RowRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a row range needs 0 <= first <= last, got " + first + ".." + last);
        }
    }

    /** Number of rows in the range. */
    public int size() {
        return last - first + 1;
    }

    /** Whether {@code row} lies in the range. */
    public boolean contains(int row) {
        return row >= first && row <= last;
    }

    @Override
    public String toString() {
        return "rows " + first + ".." + last;
    }
}
