package org.rnnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package rule of the design: imports point down the layer list only, and the scratch
 * network, the independent reference, uses no framework at all. Read from the sources, so a wrong
 * import fails here before anyone has to notice it in review.
 */
class PackageLayersTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "rnnlab");

    /**
     * Lowest first; a package may use its own layer and every layer before it. Packages on one
     * line are side by side: neither may use the other.
     */
    private static final List<List<String>> LAYERS = List.of(
            List.of("spec"),
            List.of("data.files"),
            List.of("data.generate"),
            List.of("data.datavec"),
            List.of("data"),
            List.of("dl4j"),
            List.of("scratch"),
            List.of("bridge"),
            List.of("check"),
            List.of("lab.settings"),
            List.of("lab.report"),
            List.of("lab.tasks"),
            List.of("lab.training"),
            List.of("study", "bench"),
            List.of("experiments"));

    /** Packages that must stay free of every framework. */
    private static final Map<String, List<String>> FRAMEWORK_FREE = Map.of(
            "spec", List.of("org.nd4j", "org.deeplearning4j", "org.datavec"),
            "scratch", List.of("org.nd4j", "org.deeplearning4j", "org.datavec"));

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.rnnlab\\.([a-z0-9]+(?:\\.[a-z0-9]+)*)\\.[A-Z]");

    @Test
    void everyMainPackageIsPlacedInALayer() throws IOException {
        for (String pkg : packages().keySet()) {
            assertTrue(layerOf(pkg) >= 0, "package " + pkg + " is in no layer of " + LAYERS);
        }
    }

    @Test
    void importsPointDownOnly() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<Path>> pkg : packages().entrySet()) {
            int layer = layerOf(pkg.getKey());
            for (Path file : pkg.getValue()) {
                for (String used : usedPackages(file)) {
                    int usedLayer = layerOf(used);
                    boolean sameLayerOther = usedLayer == layer && !used.equals(pkg.getKey());
                    if (usedLayer > layer || sameLayerOther) {
                        violations.add(MAIN.relativize(file) + " uses org.rnnlab." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theReferencePackagesUseNoFramework() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FRAMEWORK_FREE.entrySet()) {
            for (Path file : packages().getOrDefault(rule.getKey(), List.of())) {
                String code = code(file);
                for (String framework : rule.getValue()) {
                    if (code.contains(framework + ".")) {
                        violations.add(MAIN.relativize(file) + " uses " + framework);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void aWrongImportIsSeen() throws IOException {
        Path file = Files.createTempFile("Upward", ".java");
        try {
            Files.writeString(file, "package org.rnnlab.scratch;\nimport org.rnnlab.lab.training.Trainer;\n"
                    + "/** {@link org.rnnlab.study.ParityStudy} in a comment does not count. */\nclass Upward {}\n");
            assertEquals(List.of("lab.training"), usedPackages(file));
        } finally {
            Files.delete(file);
        }
    }

    /** Main packages (dotted, below org.rnnlab) and their source files. */
    private static Map<String, List<Path>> packages() throws IOException {
        Map<String, List<Path>> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                packages.computeIfAbsent(pkg, k -> new ArrayList<>()).add(file);
            }
        }
        return packages;
    }

    /** The rnnlab packages a source file names in its code (imports and qualified names; comments excluded). */
    static List<String> usedPackages(Path file) throws IOException {
        List<String> used = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(code(file));
        while (matcher.find()) {
            String pkg = matcher.group(1);
            if (!used.contains(pkg)) {
                used.add(pkg);
            }
        }
        String own = used.isEmpty() ? "" : ownPackage(file);
        used.remove(own);
        return used;
    }

    private static String ownPackage(Path file) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^package org\\.rnnlab\\.([a-z0-9.]+);").matcher(Files.readString(file));
        return matcher.find() ? matcher.group(1) : "";
    }

    /** The file without comments and without its package line. */
    private static String code(Path file) throws IOException {
        String text = Files.readString(file);
        text = text.replaceAll("(?s)/\\*.*?\\*/", " ");
        text = text.replaceAll("//[^\\n]*", " ");
        return text.replaceAll("(?m)^package [^;]+;", " ");
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }
}
