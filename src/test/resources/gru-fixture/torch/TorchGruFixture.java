import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.util.Platform;

/**
 * Computes the GRU fixture's outputs, final states, loss and gradients with libtorch, PyTorch's
 * native library, through DJL's PyTorch engine, in float64 on the CPU.
 *
 * <p>It reads the network's eight parameter arrays, {@code input.npy} and {@code target.npy} from
 * the fixture folder, runs libtorch's GRU operator ({@code aten::gru}, the operator nn.GRU's
 * forward calls) on them from a zero initial state, forms the loss
 * {@code ((output - target) ** 2).sum() / 4} and lets libtorch's autograd compute its gradient
 * with respect to every parameter and the input. It prints, for every array it computes, the
 * largest relative difference from the file of the same name in the folder, and with the mode
 * {@code write} it then replaces those files with libtorch's arrays.
 *
 * <p>Arguments: the fixture folder, then {@code compare} (the default) or {@code write}.
 */
public final class TorchGruFixture {

    private static final int N_IN = 3;
    private static final int H = 4;
    private static final int LAYERS = 2;
    private static final String[] KINDS = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};

    private TorchGruFixture() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("arguments: FIXTURE_FOLDER [compare|write]");
        }
        Path folder = Path.of(args[0]).toAbsolutePath().normalize();
        String mode = args.length == 2 ? args[1] : "compare";
        if (!mode.equals("compare") && !mode.equals("write")) {
            throw new IllegalArgumentException("mode must be compare or write, not " + mode);
        }

        Engine engine = Engine.getEngine("PyTorch");
        Platform platform = Platform.detectPlatform("pytorch");
        System.out.printf("DJL %s, PyTorch engine, libtorch %s (%s, %s)%n", Engine.getDjlVersion(),
                engine.getVersion(), platform.getVersion(), platform.getClassifier() + "-" + platform.getFlavor());

        Map<String, Npy> given = new LinkedHashMap<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            for (String kind : KINDS) {
                String name = kind + "_l" + layer;
                given.put(name, Npy.read(folder.resolve(name + ".npy")));
            }
        }
        given.put("input", Npy.read(folder.resolve("input.npy")));
        given.put("target", Npy.read(folder.resolve("target.npy")));
        checkShapes(given);

        Map<String, Npy> computed = compute(engine, given);
        Map<String, Npy> again = compute(engine, given);
        for (Map.Entry<String, Npy> entry : computed.entrySet()) {
            if (!Arrays.equals(entry.getValue().values, again.get(entry.getKey()).values)) {
                throw new IllegalStateException(entry.getKey() + " differs between two identical runs");
            }
        }
        System.out.println("two runs gave bit-identical arrays");

        double worst = 0;
        System.out.printf("%-18s %-12s %-24s %s%n", "array", "shape", "normwise rel. diff", "largest entrywise rel. diff");
        for (Map.Entry<String, Npy> entry : computed.entrySet()) {
            Path file = folder.resolve(entry.getKey() + ".npy");
            Npy mine = entry.getValue();
            if (!Files.exists(file)) {
                System.out.printf("%-18s %-12s (no file to compare with)%n", entry.getKey(), Arrays.toString(mine.shape));
                continue;
            }
            Npy theirs = Npy.read(file);
            if (!Arrays.equals(mine.shape, theirs.shape)) {
                throw new IllegalStateException(entry.getKey() + ": shape " + Arrays.toString(mine.shape)
                        + " but the file has " + Arrays.toString(theirs.shape));
            }
            double scale = 0;
            double difference = 0;
            double entrywise = 0;
            for (int k = 0; k < mine.values.length; k++) {
                double d = Math.abs(mine.values[k] - theirs.values[k]);
                scale = Math.max(scale, Math.abs(theirs.values[k]));
                difference = Math.max(difference, d);
                if (d > 0) {
                    entrywise = Math.max(entrywise, d / Math.abs(theirs.values[k]));
                }
            }
            double normwise = difference / scale;
            worst = Math.max(worst, normwise);
            System.out.printf("%-18s %-12s %-24.3e %.3e%n", entry.getKey(), Arrays.toString(mine.shape), normwise,
                    entrywise);
        }
        System.out.printf("largest normwise relative difference from the files: %.3e%n", worst);
        System.out.printf("loss %.17g%n", computed.get("loss").values[0]);

        if (mode.equals("write")) {
            for (Map.Entry<String, Npy> entry : computed.entrySet()) {
                entry.getValue().write(folder.resolve(entry.getKey() + ".npy"));
            }
            System.out.printf("wrote %d arrays to %s%n", computed.size(), folder);
        }
    }

    /** One forward and backward pass through libtorch; returns output, h_n, loss and the gradients. */
    private static Map<String, Npy> compute(Engine engine, Map<String, Npy> given) {
        Map<String, Npy> result = new LinkedHashMap<>();
        try (NDManager manager = engine.newBaseManager()) {
            // nn.GRU's flat weight list: per layer weight_ih, weight_hh, bias_ih, bias_hh
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            NDList params = new NDList();
            for (int layer = 0; layer < LAYERS; layer++) {
                for (String kind : KINDS) {
                    String name = kind + "_l" + layer;
                    NDArray p = toTensor(manager, given.get(name));
                    p.setRequiresGradient(true);
                    leaves.put(name, p);
                    params.add(p);
                }
            }
            NDArray input = toTensor(manager, given.get("input"));
            input.setRequiresGradient(true);
            leaves.put("input", input);
            NDArray target = toTensor(manager, given.get("target"));
            long batch = input.getShape().get(1);
            NDArray h0 = manager.zeros(new Shape(LAYERS, batch, H), DataType.FLOAT64);

            try (GradientCollector collector = engine.newGradientCollector()) {
                // aten::gru(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
                // batch_first), called with nn.GRU's defaults in training mode
                NDList out = input.getNDArrayInternal().gru(input, h0, params, true, LAYERS, 0.0, true, false, false);
                NDArray output = out.get(0);
                NDArray hN = out.get(1);
                NDArray loss = output.sub(target).square().sum().div(H);
                collector.backward(loss);

                result.put("output", fromTensor(output));
                result.put("h_n", fromTensor(hN));
                result.put("loss", new Npy(new int[] {1}, fromTensor(loss).values));
                for (Map.Entry<String, NDArray> leaf : leaves.entrySet()) {
                    result.put("grad_" + leaf.getKey(), fromTensor(leaf.getValue().getGradient()));
                }
            }
        }
        return result;
    }

    private static void checkShapes(Map<String, Npy> given) {
        int steps = given.get("input").shape[0];
        int batch = given.get("input").shape[1];
        expect(given, "input", steps, batch, N_IN);
        expect(given, "target", steps, batch, H);
        for (int layer = 0; layer < LAYERS; layer++) {
            expect(given, "weight_ih_l" + layer, 3 * H, layer == 0 ? N_IN : H);
            expect(given, "weight_hh_l" + layer, 3 * H, H);
            expect(given, "bias_ih_l" + layer, 3 * H);
            expect(given, "bias_hh_l" + layer, 3 * H);
        }
    }

    private static void expect(Map<String, Npy> given, String name, int... shape) {
        if (!Arrays.equals(shape, given.get(name).shape)) {
            throw new IllegalArgumentException(name + ".npy has shape " + Arrays.toString(given.get(name).shape)
                    + ", expected " + Arrays.toString(shape));
        }
    }

    private static NDArray toTensor(NDManager manager, Npy array) {
        long[] shape = Arrays.stream(array.shape).asLongStream().toArray();
        NDArray tensor = manager.create(array.values, new Shape(shape));
        if (tensor.getDataType() != DataType.FLOAT64) {
            throw new IllegalStateException("expected a float64 tensor, got " + tensor.getDataType());
        }
        return tensor;
    }

    private static Npy fromTensor(NDArray tensor) {
        if (tensor.getDataType() != DataType.FLOAT64) {
            throw new IllegalStateException("libtorch returned " + tensor.getDataType() + ", not float64");
        }
        int[] shape = Arrays.stream(tensor.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return new Npy(shape, tensor.toDoubleArray());
    }

    /** A float64 array as stored in a version 1.0 .npy file of dtype '<f8' in C order. */
    private static final class Npy {

        private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

        final int[] shape;
        final double[] values;

        Npy(int[] shape, double[] values) {
            this.shape = shape;
            this.values = values;
        }

        static Npy read(Path file) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            bytes.get(magic);
            if (!Arrays.equals(magic, MAGIC) || bytes.get() != 1 || bytes.get() != 0) {
                throw new IOException(file + ": not a version 1.0 .npy file");
            }
            byte[] headerBytes = new byte[Short.toUnsignedInt(bytes.getShort())];
            bytes.get(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
                throw new IOException(file + ": not little-endian float64 in C order: " + header.trim());
            }
            Matcher m = SHAPE.matcher(header);
            if (!m.find()) {
                throw new IOException(file + ": no shape in " + header.trim());
            }
            List<Integer> dims = new ArrayList<>();
            for (String part : m.group(1).split(",")) {
                if (!part.isBlank()) {
                    dims.add(Integer.parseInt(part.trim()));
                }
            }
            int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
            int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (bytes.remaining() != Double.BYTES * size) {
                throw new IOException(file + ": " + bytes.remaining() + " bytes of data for shape " + Arrays.toString(shape));
            }
            double[] values = new double[size];
            bytes.asDoubleBuffer().get(values);
            return new Npy(shape, values);
        }

        /** Writes the header NumPy itself writes for this shape, so the file matches np.save's. */
        void write(Path file) throws IOException {
            StringBuilder dims = new StringBuilder();
            for (int k = 0; k < shape.length; k++) {
                dims.append(k == 0 ? "" : ", ").append(shape[k]);
            }
            if (shape.length == 1) {
                dims.append(',');
            }
            StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (")
                    .append(dims).append("), }");
            int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
            header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + Double.BYTES * values.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
            out.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
            for (double v : values) {
                out.putDouble(v);
            }
            Files.write(file, out.array());
        }
    }
}
