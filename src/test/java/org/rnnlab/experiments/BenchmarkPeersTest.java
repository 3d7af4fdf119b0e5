package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.bench.BenchmarkOptions;
import org.rnnlab.bench.Peer;

/**
 * {@code Benchmark --peers} in the default build, which has no peer: it stops before timing
 * anything and says how to run it.
 */
class BenchmarkPeersTest {

    @TempDir
    Path dir;

    @Test
    void peersWithoutTheProfileStopsWithTheCommandThatRunsIt() {
        assumeTrue(Peer.find().isEmpty(), "a peer is on the class path (built with the Maven profile peers)");
        CapturedRun run = CapturedRun.of(Benchmark::run, dir, "--peers", "--quick", "--no-memory", "--only=E1");
        assertEquals(Experiments.BAD_ARGUMENTS, run.status(), run.err());
        assertTrue(run.err().startsWith("rnnlab benchmark: --peers needs"), run.err());
        assertTrue(run.err().contains("-Ppeers compile exec:java -Dexec.mainClass=org.rnnlab.experiments.Benchmark"
                + " -Dexec.args='--peers"), run.err());
        assertTrue(run.err().endsWith(Benchmark.USAGE.text()), "the usage text follows:\n" + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("", run.out(), "nothing may be timed or printed before the message");
    }

    @Test
    void theUsageTextNamesTheOptionAndTheProfile() {
        String usage = Benchmark.USAGE.text();
        assertTrue(usage.contains("--peers"), usage);
        assertTrue(usage.contains("-Ppeers"), usage);
        assertTrue(BenchmarkOptions.parse("--peers", "--no-memory").peers());
        assertFalse(BenchmarkOptions.parse("--no-memory").peers());
        assertFalse(BenchmarkOptions.defaults().peers());
    }
}
