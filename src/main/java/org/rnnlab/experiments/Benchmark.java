package org.rnnlab.experiments;

import org.rnnlab.bench.BenchmarkOptions;
import org.rnnlab.bench.BenchmarkSuite;

/**
 * The speed benchmark: how long one training step takes with DL4J (double, float, two thread
 * settings) and with the scratch network, on the reference experiments' sizes and a larger
 * template size; how the scratch network's memory grows with the sequence length; optionally
 * the wall time of each experiment trained whole. Prints the tables and writes them as CSV under
 * target/bench/. Options: see {@link BenchmarkOptions} ({@code --quick}, {@code --end-to-end},
 * {@code --no-memory}, {@code --checkpoint}, {@code --stats}, {@code --only=TEXT}).
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) {
        Experiments.main(args, Benchmark::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.guarded("rnnlab benchmark", io, () -> {
            BenchmarkOptions options = BenchmarkOptions.parse(args);
            BenchmarkSuite.Result result = BenchmarkSuite.run(options, Experiments.SETTINGS_DIR,
                    BenchmarkSuite.OUTPUT_DIR);
            io.out().println();
            io.out().print(result.render());
            return Experiments.OK;
        });
    }
}
