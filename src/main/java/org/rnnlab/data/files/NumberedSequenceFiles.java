package org.rnnlab.data.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Labelled sequences stored one file per sequence, the layout of the dl4j-examples UCI sequence
 * classification example: a folder with {@code features/0.csv .. features/(n-1).csv}, one time step
 * per line and the same comma-separated number of values on every line, and
 * {@code labels/0.csv ..}, one line holding the class index of the sequence of the same number.
 * {@link #read} reads and checks every file once, into a {@link LabelledSequenceSet} that the DataVec
 * readers are built over ({@link org.rnnlab.data.datavec.SequenceIterators#labelledSequences}); a problem names the file,
 * line and column, where DataVec's own CSV sequence reader would fail deep inside an iterator.
 */
public final class NumberedSequenceFiles {

    /** The folder of feature files. */
    public static final String FEATURES = "features";
    /** The folder of label files. */
    public static final String LABELS = "labels";

    private static final Pattern NUMBERED = Pattern.compile("(0|[1-9]\\d{0,8})\\.csv");

    private NumberedSequenceFiles() {
    }

    /** The feature file of sequence {@code index} in {@code dir}. */
    public static Path featureFile(Path dir, int index) {
        return dir.resolve(FEATURES).resolve(index + ".csv");
    }

    /** The label file of sequence {@code index} in {@code dir}. */
    public static Path labelFile(Path dir, int index) {
        return dir.resolve(LABELS).resolve(index + ".csv");
    }

    /** Every feature and label file of {@code count} sequences in {@code dir}, features first. */
    public static List<Path> files(Path dir, int count) {
        List<Path> files = new ArrayList<>(2 * count);
        for (int i = 0; i < count; i++) {
            files.add(featureFile(dir, i));
        }
        for (int i = 0; i < count; i++) {
            files.add(labelFile(dir, i));
        }
        return files;
    }

    /**
     * Checks every file of {@code dir} and says what it holds: {@link #read}, keeping only the shape.
     *
     * @param classes number of classes: labels must be integers in 0..classes-1
     * @throws DataFileException as {@link #read}
     */
    public static SequenceSetShape validate(Path dir, int classes) {
        return read(dir, classes).shape();
    }

    /**
     * Reads every file of {@code dir} once, checked. The number of sequences is the highest feature
     * file number + 1. Values are read as DataVec's CSV sequence reader would read them
     * (Double.parseDouble of each cell, Integer.parseInt of the label), which the checks make exact.
     *
     * @param classes number of classes: labels must be integers in 0..classes-1
     * @throws DataFileException if a folder is missing or holds no numbered files; if a feature or
     *                           label file is missing (naming it and the numbering expected), or a
     *                           label file has no feature file; if a feature file is empty, has a
     *                           blank or comment line, a line with a different number of values
     *                           from the first line of {@code features/0.csv}, or a cell that is not
     *                           a finite number; if a label file is not one line holding one class
     *                           index in 0..classes-1
     */
    public static LabelledSequenceSet read(Path dir, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be at least 1, got " + classes);
        }
        TreeSet<Integer> features = numbers(dir, FEATURES);
        TreeSet<Integer> labels = numbers(dir, LABELS);
        if (features.isEmpty()) {
            throw DataFileException.ofFile(dir.resolve(FEATURES), "holds no sequence files; expected "
                    + FEATURES + "/0.csv, " + FEATURES + "/1.csv, ... one per sequence");
        }
        int count = features.last() + 1;
        String numbering = "expected " + FEATURES + "/0.csv.." + FEATURES + "/" + (count - 1) + ".csv and "
                + LABELS + "/0.csv.." + LABELS + "/" + (count - 1) + ".csv, numbered from 0 without gaps";
        for (int i = 0; i < count; i++) {
            if (!features.contains(i)) {
                throw DataFileException.ofFile(featureFile(dir, i), "is missing; " + numbering);
            }
            if (!labels.contains(i)) {
                throw DataFileException.ofFile(labelFile(dir, i), "is missing, so sequence " + FEATURES + "/" + i
                        + ".csv has no label; " + numbering);
            }
        }
        if (labels.last() >= count) {
            throw DataFileException.ofFile(labelFile(dir, labels.last()), "has no feature file " + FEATURES + "/"
                    + labels.last() + ".csv; " + numbering);
        }
        Path first = featureFile(dir, 0);
        int columns = -1;
        double[][][] steps = new double[count][][];
        int[] classIndices = new int[count];
        for (int i = 0; i < count; i++) {
            List<String> lines = TextFile.decode(featureFile(dir, i)).lines().toList();
            if (columns < 0 && !lines.isEmpty()) {
                columns = lines.get(0).split(",", -1).length;
            }
            steps[i] = readSteps(featureFile(dir, i), lines, columns, first);
            classIndices[i] = readLabel(labelFile(dir, i), classes);
        }
        return new LabelledSequenceSet(dir, steps, classIndices);
    }

    private static TreeSet<Integer> numbers(Path dir, String folder) {
        Path path = dir.resolve(folder);
        if (!Files.isDirectory(path)) {
            throw DataFileException.directoryNotFound(path, "a sequence folder holds " + FEATURES + "/ and " + LABELS
                    + "/ with files 0.csv, 1.csv, ...");
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        try (Stream<Path> files = Files.list(path)) {
            files.forEach(file -> {
                Matcher numbered = NUMBERED.matcher(file.getFileName().toString());
                if (numbered.matches() && Files.isRegularFile(file)) {
                    numbers.add(Integer.parseInt(numbered.group(1)));
                }
            });
        } catch (IOException e) {
            throw DataFileException.ofFile(path, "could not be listed: " + e.getMessage(), e);
        }
        return numbers;
    }

    /** One step per line, {@code columns} finite numbers each, as DataVec's CSV reader reads them. */
    private static double[][] readSteps(Path file, List<String> lines, int columns, Path first) {
        if (lines.isEmpty()) {
            throw DataFileException.ofFile(file, "holds no steps; expected one line per time step, each with "
                    + Math.max(columns, 1) + " comma-separated value(s)");
        }
        double[][] steps = new double[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith(DataLines.COMMENT)) {
                throw DataFileException.atLine(file, number, "holds " + Cells.quote(line) + "; a sequence file has one"
                        + " time step on every line, with no blank or comment lines");
            }
            String[] cells = line.split(",", -1);
            if (cells.length != columns) {
                throw DataFileException.atLine(file, number, "has " + cells.length + " values (" + Cells.quote(line)
                        + "), expected " + columns + " as on the first line of " + first);
            }
            steps[i] = new double[columns];
            for (int j = 0; j < cells.length; j++) {
                String column = "v" + (j + 1);
                // trim(), not strip(): DataVec's Double.parseDouble ignores only what trim() removes
                steps[i][j] = Cells.decimal(cells[j].trim(),
                        problem -> DataFileException.atColumn(file, number, column, problem));
            }
        }
        return steps;
    }

    /** One line holding one class index, exactly as Integer.parseInt reads it. */
    private static int readLabel(Path file, int classes) {
        List<String> lines = TextFile.decode(file).lines().toList();
        if (lines.size() != 1) {
            throw DataFileException.ofFile(file, "has " + lines.size() + " lines; expected one line holding the class"
                    + " index, an integer in 0.." + (classes - 1));
        }
        return Cells.classIndex(lines.get(0), classes,
                problem -> DataFileException.atColumn(file, 1, "label", problem));
    }
}
