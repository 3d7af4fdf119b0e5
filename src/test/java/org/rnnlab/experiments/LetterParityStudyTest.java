package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.lab.training.Implementation;

/** The study's command line: defaults, options and the messages for bad ones. */
class LetterParityStudyTest {

    @Test
    void withoutArgumentsItStudiesBothReferenceNetworks() {
        LetterParityStudy.Options options = LetterParityStudy.Options.parse(new String[0]);
        assertEquals(LetterParityStudy.DEFAULT_SEEDS, options.seeds());
        assertEquals(LetterParityStudy.DEFAULT_HIDDEN, options.hidden());
        assertEquals(Implementation.SCRATCH, options.implementation());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.parallel());
        assertEquals(List.of(Path.of("experiments", "e1-letter-parity-simplernn.properties"),
                Path.of("experiments", "e1-letter-parity-lstm.properties")), options.files());
    }

    @Test
    void optionsAndFilesAreRead() {
        LetterParityStudy.Options options = LetterParityStudy.Options.parse(
                new String[] {"--seeds", "5", "--hidden", "3, 6", "--dl4j", "--parallel", "3",
                        "experiments/e1-letter-parity-all81-lstm.properties"});
        assertEquals(5, options.seeds());
        assertEquals(3, options.parallel());
        assertEquals(Implementation.DL4J, options.implementation());
        assertEquals(List.of(3, 6), options.hidden());
        assertEquals(List.of(Path.of("experiments", "e1-letter-parity-all81-lstm.properties")), options.files());
    }

    @Test
    void badOptionsAreNamedInTheMessage() {
        assertMessage("--seeds needs a whole number of at least 1, got '0'", "--seeds", "0");
        assertMessage("--hidden needs a whole number of at least 1, got 'x'", "--hidden", "2,x");
        assertMessage("--seeds needs a value", "--seeds");
        assertMessage("unknown option '--seed'", "--seed", "3");
        assertMessage("--parallel needs a whole number of at least 1, got '0'", "--parallel", "0");
    }

    private static void assertMessage(String expected, String... args) {
        BadArguments error = assertThrows(BadArguments.class,
                () -> LetterParityStudy.Options.parse(args));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
