package org.rnnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ name what the project has: every runnable class and every settings file by
 * its exact name, and every relative link leads to a file that exists. The README stays an index.
 */
class DocumentationTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final int README_MOST_LINES = 220;
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(");

    @Test
    void readmeIsAnIndexNotAManual() throws IOException {
        int lines = Files.readAllLines(README, StandardCharsets.UTF_8).size();
        assertTrue(lines <= README_MOST_LINES, "README.md has " + lines + " lines; it is the index (at most "
                + README_MOST_LINES + "): move the detail to a page in docs/");
    }

    @Test
    void everyRunnableClassIsNamedInTheDocumentation() throws IOException {
        TreeSet<String> named = namedInCode();
        List<String> missing = new ArrayList<>();
        for (String runnable : runnableClasses()) {
            if (!named.contains(runnable)) {
                missing.add(runnable);
            }
        }
        assertEquals(List.of(), missing, "runnable classes that README.md and docs/ never name as `Class`");
    }

    @Test
    void everySettingsFileIsNamedInTheDocumentation() throws IOException {
        TreeSet<String> named = namedInCode();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                String name = file.getFileName().toString();
                String stem = name.substring(0, name.length() - ".properties".length());
                if (!named.contains(stem) && !named.contains(name) && !named.contains("experiments/" + name)) {
                    missing.add(stem);
                }
            }
        }
        assertEquals(List.of(), missing, "settings files that README.md and docs/ never name exactly as `name`");
    }

    @Test
    void everyRelativeLinkLeadsToAFile() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(page.toAbsolutePath().getParent().resolve(file).normalize())) {
                    broken.add(page + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "links to files that do not exist");
    }

    @Test
    void theRunnableClassesAreFound() throws IOException {
        assertTrue(runnableClasses().contains("AllExperiments"), "the scan for runnable classes finds the main job");
        assertTrue(namedInCode().contains("AllExperiments"), "the scan of the pages finds a name the README has");
    }

    /** Classes of the experiments package with a main method. */
    private static List<String> runnableClasses() throws IOException {
        List<String> runnable = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/rnnlab/experiments"))) {
            for (Path source : sources.sorted().toList()) {
                String name = source.getFileName().toString();
                if (name.endsWith(".java") && MAIN.matcher(Files.readString(source, StandardCharsets.UTF_8)).find()) {
                    runnable.add(name.substring(0, name.length() - ".java".length()));
                }
            }
        }
        return runnable;
    }

    /**
     * Every code span of README.md and docs/*.md, and every word of their fenced code blocks (where
     * a command names a class or a file).
     */
    private static TreeSet<String> namedInCode() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        for (Path page : pages()) {
            StringBuilder prose = new StringBuilder();
            boolean fenced = false;
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                } else if (fenced) {
                    Matcher word = WORD.matcher(line);
                    while (word.find()) {
                        named.add(word.group());
                    }
                } else {
                    prose.append(line).append('\n');
                }
            }
            Matcher span = CODE_SPAN.matcher(prose);
            while (span.find()) {
                named.add(span.group(1).strip());
            }
        }
        return named;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
