package org.rnnlab.experiments;

import org.rnnlab.bench.BenchmarkOptions;
import org.rnnlab.bench.BenchmarkSuite;
import org.rnnlab.bench.Peer;

/**
 * The speed benchmark: how long one training step takes with DL4J (double, float, two thread
 * settings) and with the scratch network, on the reference experiments' sizes and a larger
 * template size; how the scratch network's memory grows with the sequence length; optionally
 * the wall time of each experiment trained whole. Prints the tables and writes them as CSV under
 * target/bench/. With {@code --peers} (Maven profile {@code peers}) it also times libtorch, PyTorch's C++
 * library, on the same cases ({@link Peer}). Options: {@link BenchmarkOptions#OPTIONS}.
 */
public final class Benchmark {

    static final Usage USAGE = usage();

    /** What --peers says in a build without the peer. */
    static final String PEERS_NEED_PROFILE = "--peers needs the peer library, which only the Maven profile peers"
            + " builds (it adds DJL and libtorch, about 450 MB on first use); run: mvn -q -B -Ppeers compile exec:java"
            + " -Dexec.mainClass=" + Benchmark.class.getName() + " -Dexec.args='--peers ...'";

    private Benchmark() {
    }

    private static Usage usage() {
        Usage.Builder usage = Usage.of(Benchmark.class, "rnnlab benchmark", "Times one training step with DL4J and"
                        + " with the scratch network on the reference experiments' sizes and a larger template size,"
                        + " and how the scratch network's memory grows with the sequence length.")
                .note("Prints the tables and writes them as CSV under " + BenchmarkSuite.OUTPUT_DIR.toString()
                        .replace('\\', '/') + "/. It reads the reference settings files in "
                        + Experiments.SETTINGS_DIR + "/ and takes no others.");
        BenchmarkOptions.OPTIONS.forEach(usage::option);
        return usage
                .refuses(Experiments.UI, "it times training steps, which the UI's statistics would slow (--stats"
                        + " measures by how much)")
                .refuses(Experiments.RESUME, "it keeps no checkpoints; it is run again (--only=TEXT runs part of it)")
                .build();
    }

    public static void main(String[] args) {
        Experiments.main(args, Benchmark::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            BenchmarkOptions options;
            try {
                options = BenchmarkOptions.parse(args);
            } catch (IllegalArgumentException e) {
                throw new BadArguments(e.getMessage());
            }
            if (options.peers() && Peer.find().isEmpty()) {
                throw new BadArguments(PEERS_NEED_PROFILE);
            }
            BenchmarkSuite.Result result = BenchmarkSuite.run(options, Experiments.SETTINGS_DIR,
                    BenchmarkSuite.OUTPUT_DIR);
            io.out().println();
            io.out().print(result.render());
            return Experiments.OK;
        });
    }
}
