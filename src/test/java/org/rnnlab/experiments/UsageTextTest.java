package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runnable class of this package, found by its {@code main} method among the compiled
 * classes, has a usage text: {@code --help} and {@code -h} print it on standard output with status
 * 0, and bad arguments print the message and it on standard error with status 2. The text names
 * the class, every option the class takes, the settings files it uses when given none (which are
 * there), whether it takes {@code --ui} and {@code --resume}, and its exit statuses. A new runnable
 * class without a {@code static final Usage USAGE} fails here.
 */
class UsageTextTest {

    /** The runnable classes that train many runs of settings files over seeds. */
    private static final List<Class<?>> STUDIES = List.of(Study.class, LetterParityStudy.class);

    private static final String PACKAGE = Experiments.class.getPackageName();
    private static final Path SOURCES = Path.of("src", "main", "java").resolve(PACKAGE.replace('.', '/'));
    /** An option literal in a source file: a quoted "--word" or "--word=". */
    private static final Pattern OPTION_LITERAL = Pattern.compile("\"(--[a-z][a-z0-9-]*=?)\"");

    @TempDir
    Path dir;

    /** The classes of this package with a {@code public static void main(String[])}, read from the compiled classes. */
    static List<Class<?>> runnableClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path folder = Path.of(Experiments.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(PACKAGE.replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(PACKAGE + "." + name.substring(0, name.length() - 6), false,
                        UsageTextTest.class.getClassLoader());
                if (hasMain(type)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    private static boolean hasMain(Class<?> type) {
        try {
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Stream<Named<Class<?>>> runnables() throws Exception {
        return runnableClasses().stream().map(type -> Named.of(type.getSimpleName(), type));
    }

    @Test
    void theRunnableClassesAreFound() throws Exception {
        Set<String> found = runnableClasses().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        for (Class<?> trainer : Experiments.TRAINERS) {
            assertTrue(found.contains(trainer.getSimpleName()), trainer + " in " + found);
        }
        for (String other : List.of("Study", "LetterParityStudy", "Predict", "StatsViewer", "Benchmark",
                "ControlChartCeiling", "NudgeCheck")) {
            assertTrue(found.contains(other), other + " in " + found);
        }
        assertFalse(found.contains("Experiments") || found.contains("Usage"), found.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void helpPrintsTheUsageTextOnStandardOutput(Class<?> type) throws Exception {
        Usage usage = usageOf(type);
        for (String help : List.of("--help", "-h")) {
            CapturedRun outcome = run(type, help);
            assertEquals(Experiments.OK, outcome.status(), outcome.err());
            assertEquals("", outcome.err());
            assertEquals(usage.text(), outcome.out());
        }
        assertEquals(usage.text(), run(type, "--no-such-option", "--help").out(),
                "--help wins over what else is given");

        String text = usage.text();
        assertTrue(text.startsWith("Usage: java ... " + type.getName() + " "), text);
        for (Usage.Option option : usage.options()) {
            assertTrue(text.contains("\n  " + option.form() + " "), option.form() + " in:\n" + text);
        }
        assertTrue(text.contains("\n  -h, --help "), text);
        if (usage.operands() != null) {
            assertTrue(text.contains("\n  " + usage.operands().form() + " "), text);
        }
        for (Path file : usage.defaults()) {
            assertTrue(text.contains("\n  " + file.toString().replace('\\', '/') + "\n"), file + " in:\n" + text);
            assertTrue(Files.isRegularFile(file), "the default settings file " + file + " is there");
        }
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= Usage.WIDTH || !line.strip().contains(" ") || line.startsWith("With Maven"),
                    "a line wider than " + Usage.WIDTH + ": " + line);
            assertFalse(line.chars().anyMatch(ch -> ch < 0x20), line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void theUsageTextNamesEveryOptionItsSourceReads(Class<?> type) throws IOException {
        String text = usageOf(type).text();
        String source = Files.readString(SOURCES.resolve(type.getSimpleName() + ".java"));
        Matcher literal = OPTION_LITERAL.matcher(source);
        while (literal.find()) {
            assertTrue(text.contains(literal.group(1)), type.getSimpleName() + ".java reads " + literal.group(1)
                    + ", which its usage text does not name:\n" + text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void theUsageTextSaysWhetherItTakesUiAndResume(Class<?> type) {
        Usage usage = usageOf(type);
        boolean trainer = Experiments.TRAINERS.contains(type);
        // a study's trainings are runs, so a study shows them in the UI, though it does not resume
        boolean study = STUDIES.contains(type);
        assertEquals(trainer || study, usage.takes(Experiments.UI), type.getSimpleName() + " takes " + Experiments.UI);
        for (String shared : List.of(Experiments.RESUME, Experiments.IMPLEMENTATIONS)) {
            assertEquals(trainer, usage.takes(shared), type.getSimpleName() + " takes " + shared);
        }
        if (!trainer) {
            Set<String> refused = study ? Set.of(Experiments.RESUME) : Set.of(Experiments.UI, Experiments.RESUME);
            assertEquals(refused, usage.refused().keySet());
            String text = usage.text();
            for (String shared : refused) {
                assertTrue(text.contains("\n  " + shared + " "), text);
            }
            for (Class<?> taker : Experiments.TRAINERS) {
                assertTrue(text.contains(taker.getSimpleName()), taker.getSimpleName() + " in:\n" + text);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void theUsageTextListsTheExitStatuses(Class<?> type) {
        Usage usage = usageOf(type);
        List<Integer> expected = new ArrayList<>(List.of(Experiments.OK, Experiments.FAILED,
                Experiments.BAD_ARGUMENTS, Signals.SIGINT_STATUS, Signals.SIGTERM_STATUS));
        if (Experiments.TRAINERS.contains(type)) {
            expected.add(Experiments.DIVERGED);
        }
        assertEquals(new TreeSet<>(expected), usage.statuses().keySet());
        String text = usage.text();
        String statuses = text.substring(text.indexOf("\nExit status:\n"));
        for (int status : expected) {
            assertTrue(statuses.contains("\n  " + status + " "), status + " in:\n" + statuses);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void anUnknownOptionGivesTheUsageOnStandardErrorAndStatus2(Class<?> type) {
        Usage usage = usageOf(type);
        CapturedRun outcome = run(type, "--no-such-option");
        assertRefused(usage, outcome, "unknown option '--no-such-option'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnables")
    void uiAndResumeAreTakenOrRefusedNamingWhy(Class<?> type) {
        Usage usage = usageOf(type);
        Path nowhere = dir.resolve("no-run.incomplete");
        if (Experiments.TRAINERS.contains(type)) {
            // taken, so the value is checked: a folder that is not there is a bad argument
            assertRefused(usage, run(type, Experiments.UI, Experiments.RESUME, nowhere.toString()),
                    "--resume run folder", "no-run.incomplete not found");
            assertRefused(usage, run(type, Experiments.IMPLEMENTATIONS + "torch"), "'torch' is not a list of"
                    + " implementations");
            return;
        }
        if (STUDIES.contains(type)) {
            // --ui is taken, so what follows it is read as a settings file and checked
            assertRefused(usage, run(type, Experiments.UI, nowhere.toString()), "no-run.incomplete not found");
        }
        for (String shared : usage.refused().keySet()) {
            CapturedRun outcome = run(type, shared, nowhere.toString());
            assertRefused(usage, outcome, type.getSimpleName() + " does not take " + shared + ": "
                    + usage.refused().get(shared), "the classes that train settings files take it: AllExperiments,");
        }
    }

    @Test
    void withoutTheArgumentsItNeedsItAClassGivesTheUsage() throws Exception {
        Set<String> needing = new TreeSet<>();
        for (Class<?> type : runnableClasses()) {
            Usage usage = usageOf(type);
            if (usage.operands() != null && usage.operands().min() > 0) {
                needing.add(type.getSimpleName());
                assertTrue(usage.defaults().isEmpty(), type.getSimpleName());
                assertRefused(usage, run(type), "no " + usage.operands().name() + " given");
            }
        }
        // the others run their defaults without arguments
        assertEquals(Set.of("NudgeCheck", "Predict", "StatsViewer"), needing);
    }

    @Test
    void optionsAreReadWhereverTheyStandAndValuesAreChecked() {
        Usage usage = Study.USAGE;
        Usage.Parsed given = usage.parse(new String[] {"--seeds", "3", "--dl4j", "--sweep", "hidden=1,2"});
        assertEquals(3, given.positive("--seeds", 10));
        assertTrue(given.has("--dl4j"));
        assertFalse(given.has("--full"));
        assertEquals("hidden=1,2", given.value("--sweep").orElseThrow());
        assertEquals(Study.USAGE.defaults(), given.files());
        assertThrows(IllegalStateException.class, () -> given.has("--undeclared"),
                "reading an option the usage does not declare is a mistake in the class");

        assertMessage(usage, "--seeds needs a value: --seeds N", "--seeds");
        assertMessage(usage, "--seeds needs a value", "--seeds", "--dl4j");
        BadArguments value = assertThrows(BadArguments.class, () -> Study.parse(new String[] {"--seeds", "x"}),
                "a value is checked as it is read");
        assertTrue(value.getMessage().contains("--seeds needs a whole number of at least 1, got 'x'"),
                value.getMessage());
        assertMessage(usage, "unknown option '--seeds=3'; give --seeds its value as the next argument", "--seeds=3");
        assertMessage(usage, "an empty argument", "");
        assertMessage(usage, "settings file " + dir.resolve("none.properties") + " not found",
                dir.resolve("none.properties").toString());
        assertMessage(usage, "is a directory, expected a file", dir.toString());
        assertMessage(AllExperiments.USAGE, "--implementations needs a value after the '='", "--implementations=");
    }

    @Test
    void helpIsNotAValue() {
        assertFalse(Predict.USAGE.asksForHelp(new String[] {"run", "--sample", "5", "--prompt", "-h"}));
        assertFalse(Predict.USAGE.asksForHelp(new String[] {"run", "--output", "--help"}));
        assertTrue(Predict.USAGE.asksForHelp(new String[] {"run", "--sample", "5", "-h"}));
        assertEquals("-h", Predict.USAGE.parse(new String[] {dir.toString(), "--sample", "5", "--prompt", "-h"})
                .value("--prompt").orElseThrow());
    }

    private static void assertMessage(Usage usage, String expected, String... args) {
        BadArguments e = assertThrows(BadArguments.class, () -> usage.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Status 2, nothing on standard output, the message on the first line of standard error, then the usage text. */
    private static void assertRefused(Usage usage, CapturedRun outcome, String... parts) {
        assertEquals(Experiments.BAD_ARGUMENTS, outcome.status(), outcome.err());
        assertEquals("", outcome.out());
        String first = outcome.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(usage.who() + ": "), outcome.err());
        for (String part : parts) {
            assertTrue(first.contains(part), "lacks '" + part + "': " + first);
        }
        assertEquals(first + System.lineSeparator() + System.lineSeparator() + usage.text(), outcome.err());
    }

    private static Usage usageOf(Class<?> type) {
        Field field;
        try {
            field = type.getDeclaredField("USAGE");
        } catch (NoSuchFieldException e) {
            throw new AssertionError(type.getSimpleName() + " has a main method but no usage text: declare"
                    + " static final Usage USAGE", e);
        }
        assertTrue(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())
                && field.getType() == Usage.class, field.toString());
        try {
            field.setAccessible(true);
            Usage usage = (Usage) field.get(null);
            assertNotNull(usage, field.toString());
            assertEquals(type.getSimpleName(), usage.name(), "the usage declared for its own class");
            return usage;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The class's entry logic, {@code static int run(String[], Invocation)}, as its main runs it. */
    private CapturedRun run(Class<?> type, String... args) {
        Method run;
        try {
            run = type.getDeclaredMethod("run", String[].class, Invocation.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no entry logic run(String[], Invocation)", e);
        }
        run.setAccessible(true);
        return CapturedRun.of((arguments, io) -> {
            try {
                return (int) run.invoke(null, arguments, io);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            } catch (InvocationTargetException e) {
                throw new AssertionError(type.getSimpleName() + ".run threw, which the contract forbids", e.getCause());
            }
        }, dir.resolve("runs"), args);
    }
}
