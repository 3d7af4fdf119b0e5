package org.rnnlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's command-line options; {@link #OPTIONS} says what each does.
 *
 * @param quick    tiny budgets
 * @param memory   run the memory section
 * @param endToEnd run the end-to-end section
 * @param checkpoint run the checkpoint section
 * @param stats    run the training-stats section
 * @param peers    time the peer library after rnnlab's rows ({@link Peer})
 * @param only     label filters; empty means every case
 */
public record BenchmarkOptions(boolean quick, boolean memory, boolean endToEnd, boolean checkpoint, boolean stats,
                               boolean peers, List<String> only) {

    /** Every option, as a usage text shows it, with what it does; in the order of the sections. */
    public static final Map<String, String> OPTIONS = options(
            "--quick", "a smoke run with tiny time budgets (numbers are rough) and memory lengths up to 1000 only",
            "--end-to-end", "also train every reference experiment whole with DL4J and scratch (takes minutes)",
            "--no-memory", "leave out the memory section",
            "--checkpoint", "also time one epoch and one checkpoint write of the template-size character model, for"
                    + " both implementations (a few minutes)",
            "--stats", "also time training steps with and without the training UI's stats file (reports every 10"
                    + " updates and every update), for both implementations (about two minutes)",
            "--peers", "also time libtorch, PyTorch's C++ library, on the same cases after rnnlab's rows, in float and"
                    + " double on 1 and 2 threads, with its 1024x1024 matrix product as the ceiling, and give each"
                    + " rnnlab row as a multiple of libtorch's best; and, unless --only leaves it out, train "
                    + PeerCharModel.SETTINGS + " for " + BenchmarkSuite.PEER_CHAR_MODEL_UPDATES + " updates with DL4J,"
                    + " scratch and libtorch (characters per second, validation bits per character); needs "
                    + Peer.PROFILE,
            "--only=TEXT[,TEXT...]", "only the cases (and end-to-end experiments) whose label contains one of the"
                    + " texts, ignoring case, e.g. --only=E1,template");

    /** The options, for an error message. */
    public static final String USAGE = "options: " + String.join(", ", OPTIONS.keySet());

    private static final String ONLY = "--only=";

    public BenchmarkOptions {
        only = List.copyOf(only);
    }

    /** The default run: speed and memory sections, standard budgets. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(false, true, false, false, false, false, List.of());
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown option or an empty filter, naming it and listing
     *                                  the options
     */
    public static BenchmarkOptions parse(String... args) {
        boolean quick = false;
        boolean memory = true;
        boolean endToEnd = false;
        boolean checkpoint = false;
        boolean stats = false;
        boolean peers = false;
        List<String> only = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "--end-to-end" -> endToEnd = true;
                case "--no-memory" -> memory = false;
                case "--checkpoint" -> checkpoint = true;
                case "--stats" -> stats = true;
                case "--peers" -> peers = true;
                default -> {
                    if (!arg.startsWith(ONLY)) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
                    }
                    List<String> texts = Arrays.stream(arg.substring(ONLY.length()).split(","))
                            .map(String::strip).filter(text -> !text.isEmpty()).toList();
                    if (texts.isEmpty()) {
                        throw new IllegalArgumentException("'" + arg + "' names no case; give a text, e.g. --only=E2");
                    }
                    only.addAll(texts);
                }
            }
        }
        return new BenchmarkOptions(quick, memory, endToEnd, checkpoint, stats, peers, only);
    }

    private static Map<String, String> options(String... formsAndMeanings) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < formsAndMeanings.length; i += 2) {
            options.put(formsAndMeanings[i], formsAndMeanings[i + 1]);
        }
        return Collections.unmodifiableMap(options);
    }

    /** The time budget of one measurement. */
    public Budget budget() {
        return quick ? Budget.QUICK : Budget.STANDARD;
    }

    /** Sequence lengths of the memory section. */
    public List<Integer> memoryLengths() {
        return quick ? MemoryBenchmark.LENGTHS.stream().filter(t -> t <= 1_000).toList() : MemoryBenchmark.LENGTHS;
    }

    /** Whether a case with this label is run. */
    public boolean selects(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return only.isEmpty() || only.stream().anyMatch(text -> lower.contains(text.toLowerCase(Locale.ROOT)));
    }
}
