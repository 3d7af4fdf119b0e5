package org.rnnlab.lab.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;

/**
 * About how much memory training a network takes, worked out from the settings alone, so that a
 * network that cannot fit is refused when its settings are read: before anything is allocated,
 * instead of an allocation failure or minutes of garbage collection halfway through a run.
 *
 * <p>The model (8-byte doubles; an upper estimate, not an exact count):
 * <ul>
 *   <li>parameters P = per recurrent layer (nIn + hidden + v) · g · hidden, with the cell's g
 *       column blocks and v bias vectors (SimpleRnn 1 and 1, LSTM 4 and 1, GRU 3 and 2; see
 *       {@link CellType#layerParameters}), plus hidden · nOut + nOut for the output layer (the
 *       count {@code scratch.ParameterLayout} lays out);</li>
 *   <li>Java heap, for the scratch network: {@value #HEAP_PARAMETER_COPIES} copies of P (weights,
 *       gradient, the layers' column copies of weights and gradients, DL4J's initial parameters,
 *       the best epoch's) plus the updater's state (Adam: 2 P), and per example and step the cells'
 *       activations kept for BPTT ({@link CellType#keptPerUnit} · hidden per layer: LSTM and GRU 9,
 *       SimpleRnn 4) and the input, output and their gradients;</li>
 *   <li>native memory, for DL4J: weights, gradient and updater state, and twice the activations
 *       (forward values and backward epsilons).</li>
 * </ul>
 * Steps are the BPTT length: {@code tbptt} when it is set and shorter than the task's sequence,
 * else the whole sequence.
 *
 * <p>Limits: the heap estimate must stay within {@value #USABLE_PERCENT}% of the JVM's maximum heap
 * ({@code -Xmx}, {@link Runtime#maxMemory()}), the native estimate within {@value #USABLE_PERCENT}%
 * of JavaCPP's limit on the memory ND4J allocates (system property {@value #NATIVE_LIMIT_PROPERTY},
 * by default the maximum heap), and P within {@value #MAX_PARAMETERS} (the scratch network keeps
 * its parameters in one Java array). A refusal names the key most over its share (layers, hidden,
 * batch or tbptt), the largest value of it that would fit, and how to give Java more memory.
 */
public record MemoryEstimate(double parameters, double heapBytes, double nativeBytes, Shape shape) {

    /** Share of a memory limit one run may plan to use; the rest is for data, DL4J and the JVM. */
    public static final int USABLE_PERCENT = 75;
    /** JavaCPP's limit on the memory ND4J allocates outside the heap. */
    public static final String NATIVE_LIMIT_PROPERTY = "org.bytedeco.javacpp.maxBytes";
    /** Largest parameter count: the scratch network's parameters are one Java array. */
    public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    static final int HEAP_PARAMETER_COPIES = 7;
    private static final double BYTES = Double.BYTES;

    /** The keys a refusal may name, each with how it changes the network or its training. */
    private static final Map<String, Resize> KEYS = resizes();

    /** The estimate for a network trained on sequences of {@code sequenceLength} steps. */
    public static MemoryEstimate of(NetworkSpec network, TrainingSpec training, int sequenceLength) {
        return of(Shape.of(network, training, sequenceLength));
    }

    /**
     * What is over which limit when training this network in this JVM, or empty when it fits: for
     * networks built from settings with a size changed (a study's variants).
     */
    public static Optional<String> problem(NetworkSpec network, TrainingSpec training, int sequenceLength) {
        return Optional.ofNullable(of(network, training, sequenceLength).over(Limits.current()));
    }

    /**
     * Refuses settings whose network cannot be trained in this JVM.
     *
     * @throws SettingsException naming the key to change, its largest value that fits and the estimate
     */
    static void check(ValueReader in, NetworkSpec network, TrainingSpec training, int sequenceLength) {
        Limits limits = Limits.current();
        Shape shape = Shape.of(network, training, sequenceLength);
        MemoryEstimate estimate = of(shape);
        String over = estimate.over(limits);
        if (over == null) {
            return;
        }
        // Blame the key that is furthest over the largest value it could have, among the keys that
        // can make the network fit on their own; if none can, the key with the largest value.
        String worstKey = null;
        double worstRatio = -1;
        long worstFit = 0;
        for (Map.Entry<String, Resize> key : KEYS.entrySet()) {
            long value = key.getValue().value(shape);
            long fit = largestFitting(shape, key.getValue(), value, limits);
            double ratio = fit == 0 ? -1 / (double) value : (double) value / fit;
            if (ratio > worstRatio) {
                worstKey = key.getKey();
                worstRatio = ratio;
                worstFit = fit;
            }
        }
        String advice = worstFit > 0
                ? "at most " + worstKey + " = " + worstFit + " fits with the other values as they are"
                : "no value of " + worstKey + " alone makes it fit; make the network smaller";
        throw in.bad(worstKey, "a smaller network or training step: " + over + "; " + advice
                + ", or give Java more memory (-Xmx, e.g. MAVEN_OPTS=-Xmx16g for mvn exec:java)");
    }

    /** What is over which limit, in words, or null when the estimate fits. */
    String over(Limits limits) {
        if (parameters > MAX_PARAMETERS) {
            return String.format(Locale.ROOT, "the network would have %.3g parameters, and the scratch network keeps "
                    + "them in one Java array, which holds at most %d", parameters, MAX_PARAMETERS);
        }
        if (heapBytes > limits.heap()) {
            return String.format(Locale.ROOT, "training the scratch network needs about %s of Java heap "
                    + "(%s), more than the %s allowed (%d%% of the maximum heap)",
                    bytes(heapBytes), sizes(), bytes(limits.heap()), USABLE_PERCENT);
        }
        if (nativeBytes > limits.offHeap()) {
            return String.format(Locale.ROOT, "training the DL4J network needs about %s of native memory "
                    + "(%s), more than the %s allowed (%d%% of -D%s)",
                    bytes(nativeBytes), sizes(), bytes(limits.offHeap()), USABLE_PERCENT, NATIVE_LIMIT_PROPERTY);
        }
        return null;
    }

    private String sizes() {
        return String.format(Locale.ROOT, "%.3g parameters; a minibatch of %d sequences, BPTT over %d steps",
                parameters, (long) shape.batch(), (long) shape.steps());
    }

    private static MemoryEstimate of(Shape s) {
        double perLayer = s.cell().layerParameters(s.hidden(), s.hidden());
        double parameters = s.cell().layerParameters(s.nIn(), s.hidden()) + (s.layers() - 1) * perLayer
                + s.hidden() * s.nOut() + s.nOut();
        double updater = s.adam() ? 2 : 0;
        double kept = s.cell().keptPerUnit();
        double perStep = s.layers() * kept * s.hidden() + 2.0 * (s.nIn() + 3.0 * s.nOut());
        double activations = s.batch() * s.steps() * perStep * BYTES;
        double data = s.batch() * s.sequence() * (s.nIn() + 2.0 * s.nOut() + 2) * BYTES;
        double heap = (HEAP_PARAMETER_COPIES + updater) * parameters * BYTES + activations + data;
        double offHeap = (2 + updater) * parameters * BYTES + 2 * activations + data;
        return new MemoryEstimate(parameters, heap, offHeap, s);
    }

    /** The largest value of one key in [1, current] that fits, or 0 when even 1 does not. */
    private static long largestFitting(Shape shape, Resize key, long current, Limits limits) {
        long low = 0;
        long high = current;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (of(key.with(shape, mid)).over(limits) == null) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static Map<String, Resize> resizes() {
        Map<String, Resize> keys = new LinkedHashMap<>();
        keys.put("layers", new Resize(Shape::layers, (s, v) -> new Shape(s.cell(), s.adam(), s.nIn(), s.hidden(), v,
                s.nOut(), s.batch(), s.steps(), s.sequence())));
        keys.put("hidden", new Resize(Shape::hidden, (s, v) -> new Shape(s.cell(), s.adam(), s.nIn(), v, s.layers(),
                s.nOut(), s.batch(), s.steps(), s.sequence())));
        keys.put("batch", new Resize(Shape::batch, (s, v) -> new Shape(s.cell(), s.adam(), s.nIn(), s.hidden(),
                s.layers(), s.nOut(), v, s.steps(), s.sequence())));
        keys.put("tbptt", new Resize(Shape::steps, (s, v) -> new Shape(s.cell(), s.adam(), s.nIn(), s.hidden(),
                s.layers(), s.nOut(), s.batch(), v, s.sequence())));
        return keys;
    }

    /** How one key changes the shape. */
    private record Resize(ToDoubleFunction<Shape> current, Resizer resizer) {
        long value(Shape shape) {
            return (long) current.applyAsDouble(shape);
        }

        Shape with(Shape shape, long value) {
            return resizer.with(shape, value);
        }
    }

    private interface Resizer {
        Shape with(Shape shape, double value);
    }

    /** The sizes the estimate depends on, as doubles so that absurd settings cannot overflow. */
    public record Shape(CellType cell, boolean adam, double nIn, double hidden, double layers, double nOut,
                         double batch, double steps, double sequence) {

        static Shape of(NetworkSpec network, TrainingSpec training, int sequenceLength) {
            int sequence = Math.max(1, sequenceLength);
            int steps = training.tbptt() > 0 ? Math.min(training.tbptt(), sequence) : sequence;
            return new Shape(network.cell(), training.updater() == UpdaterKind.ADAM, network.nIn(),
                    network.hidden(), network.layers(), network.nOut(), training.batch(), steps, sequence);
        }
    }

    /** The memory one run may plan to use, in bytes. */
    record Limits(double heap, double offHeap) {

        static Limits current() {
            long maxHeap = Runtime.getRuntime().maxMemory();
            double usable = USABLE_PERCENT / 100.0;
            return new Limits(usable * maxHeap, usable * nativeLimit(maxHeap));
        }

        /** JavaCPP's maxBytes as it reads it (e.g. 8g, 512m, 50%), without loading JavaCPP. */
        static double nativeLimit(long maxHeap) {
            String text = System.getProperty(NATIVE_LIMIT_PROPERTY, System.getProperty("org.bytedeco.javacpp.maxbytes"));
            if (text == null || text.isBlank()) {
                return maxHeap;
            }
            String value = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (value.endsWith("%")) {
                    return maxHeap * Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
                }
                double scale = switch (value.charAt(value.length() - 1)) {
                    case 't' -> 0x1p40;
                    case 'g' -> 0x1p30;
                    case 'm' -> 0x1p20;
                    case 'k' -> 0x1p10;
                    default -> 1;
                };
                double number = Double.parseDouble(scale == 1 ? value : value.substring(0, value.length() - 1));
                return number > 0 ? number * scale : Double.POSITIVE_INFINITY;
            } catch (NumberFormatException e) {
                return maxHeap;
            }
        }
    }

    /** Bytes as a person reads them: 512 MB, 3.2 GB, 1.6e+05 TB. */
    static String bytes(double bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 1e5 ? "%.3g %s" : "%.2g %s", value, units[unit]);
    }
}
