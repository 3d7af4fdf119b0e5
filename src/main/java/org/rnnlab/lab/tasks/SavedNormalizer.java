package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.rnnlab.lab.report.RunFolder;

/**
 * A fitted DL4J normaliser kept in a run folder as {@value #FILE} (DL4J's NormalizerSerializer), so a
 * prediction scales new input exactly as training did without reading the training data again.
 */
final class SavedNormalizer {

    /** The normaliser's file in a run folder. */
    static final String FILE = "normalizer.bin";

    private SavedNormalizer() {
    }

    /** Writes {@code normalizer} into the run folder atomically. */
    static void write(RunFolder folder, DataNormalization normalizer) throws IOException {
        folder.write(FILE, file -> {
            try {
                NormalizerSerializer.getDefault().write(normalizer, file.toFile());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("could not save the normaliser: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The normaliser a run saved.
     *
     * @param why what needs it, for the message when it is missing
     * @throws IllegalArgumentException when the file is missing or unreadable
     */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static <T extends DataNormalization> T read(Path runFolder, String why) {
        Path file = runFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("run folder " + runFolder + " has no " + FILE + ", which " + why
                    + " (a run saves it when it finishes)");
        }
        try {
            return NormalizerSerializer.getDefault().restore(file.toFile());
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the normaliser " + file + " (" + size(file) + " bytes): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; the file is damaged or cut short, so the run must be trained again", e);
        }
    }
}
