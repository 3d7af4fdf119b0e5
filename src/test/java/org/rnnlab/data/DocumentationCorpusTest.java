package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.data.files.TextStatistics;
import org.rnnlab.data.files.Vocabulary;

/** The documentation corpus: Javadoc turned into plain text, and the committed snapshot. */
class DocumentationCorpusTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);
    /** Unigram entropy of the committed snapshot, as data/text/README.md states it. */
    private static final double CORPUS_ENTROPY_BITS = 4.791;

    @Test
    void javadocBecomesPlainTextWithItsMarkupResolved() {
        String source = """
                package x;

                /**
                 * Reads {@link Foo#bar(int, int)} and {@link #baz the baz}, with {@code new int[] {1}}.
                 *
                 * <p>Then a list:
                 * <ul>
                 *   <li>one &lt; two</li>
                 * </ul>
                 */
                class A {
                    /* not documentation */
                    /** Size, {@value #MAX}. */
                    int size;
                }
                """;
        assertEquals("Reads Foo.bar(int, int) and the baz, with new int[] {1}.\n\nThen a list:\n\n  - one < two\n\n"
                + "Size, MAX.", DocumentationCorpus.javadocText(source));
    }

    @Test
    void corpusIsReadmeThenPackageDocsThenClassDocs(@TempDir Path project) throws IOException {
        Path sources = Files.createDirectories(project.resolve("src/main/java/p"));
        Files.writeString(project.resolve("README.md"), "# Title\n\nProse.\n");
        Files.writeString(sources.resolve("A.java"), "/** Class A. */\nclass A {}\n");
        Files.writeString(sources.resolve("B.java"), "class B {}\n");
        Files.writeString(sources.resolve("package-info.java"), "/** Package p. */\npackage p;\n");
        assertEquals("# Title\n\nProse.\n\n\n## p/package-info.java\n\nPackage p.\n\n\n## p/A.java\n\nClass A.\n",
                DocumentationCorpus.build(project));
    }

    @Test
    void committedSnapshotIsLargeStrictUtf8AndHasTheStatedEntropy() {
        Path corpus = DataFiles.textCorpus(DATA);
        int[] text = TextFile.codePoints(corpus);
        assertTrue(text.length > 60_000, "more than 60 K characters: " + text.length);
        double bits = TextStatistics.unigramEntropyBits(text, 0, text.length);
        assertEquals(CORPUS_ENTROPY_BITS, bits, 0.0005, "the figure data/text/README.md states");
        Vocabulary vocabulary = Vocabulary.of(text, 0, text.length);
        assertTrue(vocabulary.size() > 60 && vocabulary.size() < 200, "vocabulary: " + vocabulary.size());
    }
}
