/**
 * The speed benchmark behind {@code org.rnnlab.experiments.Benchmark}: a small harness of its own
 * rather than a benchmarking framework, because what it compares are factors between
 * implementations (DL4J as it comes, DL4J with rnnlab's settings in double and float, and the
 * scratch network on one thread and on all cores), not percent.
 *
 * <ul>
 *   <li>{@link org.rnnlab.bench.StepTimer} times single training steps after a warm-up and reports
 *       the median and the inter-quartile range ({@link org.rnnlab.lab.report.Quartiles}), the Java heap
 *       allocated per step and the peaks of used heap and of ND4J's off-heap memory.</li>
 *   <li>{@link org.rnnlab.bench.FlopCount} states how many operations a step does, so step times
 *       become GFLOP/s.</li>
 *   <li>{@link org.rnnlab.bench.BenchCases} lists the sizes timed; {@link org.rnnlab.bench.SpeedBenchmark},
 *       {@link org.rnnlab.bench.ProtocolBenchmark}, {@link org.rnnlab.bench.MemoryBenchmark} and
 *       {@link org.rnnlab.bench.EndToEndBenchmark} are the four sections; DL4J's defaults are timed
 *       in a JVM of their own ({@link org.rnnlab.bench.Dl4jDefaultsProbe}); {@link org.rnnlab.bench.BenchmarkSuite} runs them and writes the tables
 *       ({@link org.rnnlab.lab.report.Table}) as CSV.</li>
 *   <li>{@link org.rnnlab.bench.Peer} is another library trained on the same cases, built only by the
 *       Maven profile {@code peers} (libtorch through DJL); {@link org.rnnlab.bench.PeerBenchmark} times
 *       it and sets rnnlab's rows against its best time and its matrix-product ceiling.</li>
 * </ul>
 */
package org.rnnlab.bench;
