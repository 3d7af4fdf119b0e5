package org.rnnlab.bridge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy file format for arrays of little-endian float64 ({@code '<f8'}), so parameters can
 * be exchanged with NumPy and PyTorch code.
 *
 * <p>A file is: the magic {@code \x93NUMPY}, a version (major, minor), the header length
 * (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), the header — a Python dict
 * literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with
 * spaces and ended by a newline so that the data starts at a multiple of 64 bytes — and the
 * values.
 *
 * <p>Written files are version 1.0. Reading accepts versions 1.0, 2.0 and 3.0, C or Fortran order,
 * and only the dtype {@code '<f8'}: anything else (float32, integers, big-endian) is refused
 * rather than converted, so a file never changes precision silently.
 */
public final class NpyFormat {

    /** How the values of a file are ordered. */
    public enum Order {
        /** Row-major: the last index varies fastest (NumPy's default). */
        C,
        /** Column-major: the first index varies fastest. */
        FORTRAN
    }

    /** The only dtype read and written: little-endian 8-byte floating point. */
    public static final String DTYPE = "<f8";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The data starts at a multiple of this many bytes. */
    private static final int ALIGNMENT = 64;
    private static final int MAX_HEADER_V1 = 0xFFFF;

    private static final Pattern DESCR = key("descr", "'([^']*)'|\"([^\"]*)\"");
    private static final Pattern FORTRAN_ORDER = key("fortran_order", "(True|False)");
    private static final Pattern SHAPE = key("shape", "\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /** Writes the array in C order. */
    public static void write(Path file, NpyArray array) throws IOException {
        write(file, array, Order.C);
    }

    /** Writes the array with its values in the given order. */
    public static void write(Path file, NpyArray array, Order order) throws IOException {
        byte[] header = header(array.shape(), order);
        ByteBuffer buffer = ByteBuffer.allocate(header.length + Double.BYTES * array.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(header);
        double[] values = order == Order.C ? array.values() : reorder(array.shape(), array.values(), Order.C);
        for (double value : values) {
            buffer.putDouble(value);
        }
        Files.write(file, buffer.array());
    }

    /**
     * Reads a file of {@code '<f8'} values.
     *
     * @throws NoSuchFileException  when the file does not exist
     * @throws NpyFormatException   when it is not a .npy file of that dtype, or its data is not as
     *                              long as its shape says
     */
    public static NpyArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new NpyFormatException(file, "not a .npy file: it does not start with the magic \\x93NUMPY");
        }
        int major = bytes[MAGIC.length] & 0xFF;
        int minor = bytes[MAGIC.length + 1] & 0xFF;
        int lengthBytes;
        Charset charset;
        if (major == 1 && minor == 0) {
            lengthBytes = 2;
            charset = StandardCharsets.ISO_8859_1;
        } else if ((major == 2 || major == 3) && minor == 0) {
            lengthBytes = 4;
            charset = major == 2 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        } else {
            throw new NpyFormatException(file, "unsupported .npy version " + major + "." + minor
                    + "; expected 1.0, 2.0 or 3.0");
        }
        int headerStart = MAGIC.length + 2 + lengthBytes;
        if (bytes.length < headerStart) {
            throw new NpyFormatException(file, "the file ends inside the header length");
        }
        ByteBuffer lengthField = ByteBuffer.wrap(bytes, MAGIC.length + 2, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? lengthField.getShort() & 0xFFFF : lengthField.getInt() & 0xFFFFFFFFL;
        if (headerStart + headerLength > bytes.length) {
            throw new NpyFormatException(file, "the header claims " + headerLength + " bytes but the file has only "
                    + (bytes.length - headerStart) + " after the header length");
        }
        String header = new String(bytes, headerStart, (int) headerLength, charset);
        int[] shape = shape(file, header);
        String dtype = dtype(file, header);
        if (!DTYPE.equals(dtype)) {
            throw new NpyFormatException(file, "holds dtype '" + dtype + "' with shape " + Arrays.toString(shape)
                    + "; expected '" + DTYPE + "' (little-endian float64)");
        }
        Order order = fortranOrder(file, header) ? Order.FORTRAN : Order.C;

        long size = 1;
        for (int extent : shape) {
            size *= extent;
        }
        long dataStart = headerStart + headerLength;
        long dataBytes = bytes.length - dataStart;
        if (dataBytes != size * Double.BYTES) {
            throw new NpyFormatException(file, "shape " + Arrays.toString(shape) + " needs " + size * Double.BYTES
                    + " bytes of data, the file has " + dataBytes);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) size];
        for (int k = 0; k < values.length; k++) {
            values[k] = data.getDouble();
        }
        return new NpyArray(shape, order == Order.C ? values : reorder(shape, values, Order.FORTRAN));
    }

    /**
     * The magic, version 1.0, header length and header for an array of {@code '<f8'}: the header
     * dict padded with spaces and ended by a newline so that the whole is a multiple of 64 bytes.
     */
    static byte[] header(int[] shape, Order order) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(DTYPE).append("', 'fortran_order': ")
                .append(order == Order.FORTRAN ? "True" : "False").append(", 'shape': (");
        for (int d = 0; d < shape.length; d++) {
            dict.append(d == 0 ? "" : ", ").append(shape[d]);
        }
        // a one-element Python tuple needs its trailing comma
        dict.append(shape.length == 1 ? ",), }" : "), }");
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > MAX_HEADER_V1) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                    + " makes a header too long for .npy 1.0");
        }
        ByteBuffer buffer = ByteBuffer.allocate(prefix + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    /**
     * The same values in the other order: from C to Fortran order when {@code from} is C, from
     * Fortran to C order when it is FORTRAN.
     */
    private static double[] reorder(int[] shape, double[] values, Order from) {
        int rank = shape.length;
        // strides of each dimension in the source order and in the target order
        int[] fromStrides = strides(shape, from);
        int[] toStrides = strides(shape, from == Order.C ? Order.FORTRAN : Order.C);
        double[] result = new double[values.length];
        int[] index = new int[rank];
        for (int k = 0; k < values.length; k++) {
            int source = 0;
            int target = 0;
            for (int d = 0; d < rank; d++) {
                source += index[d] * fromStrides[d];
                target += index[d] * toStrides[d];
            }
            result[target] = values[source];
            // next index, last dimension fastest (any enumeration of all indices would do)
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return result;
    }

    private static int[] strides(int[] shape, Order order) {
        int[] strides = new int[shape.length];
        int stride = 1;
        if (order == Order.C) {
            for (int d = shape.length - 1; d >= 0; d--) {
                strides[d] = stride;
                stride *= shape[d];
            }
        } else {
            for (int d = 0; d < shape.length; d++) {
                strides[d] = stride;
                stride *= shape[d];
            }
        }
        return strides;
    }

    private static Pattern key(String name, String valuePattern) {
        return Pattern.compile("['\"]" + name + "['\"]\\s*:\\s*(?:" + valuePattern + ")");
    }

    private static String dtype(Path file, String header) throws NpyFormatException {
        Matcher m = find(file, header, DESCR, "descr");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static boolean fortranOrder(Path file, String header) throws NpyFormatException {
        return "True".equals(find(file, header, FORTRAN_ORDER, "fortran_order").group(1));
    }

    private static int[] shape(Path file, String header) throws NpyFormatException {
        String tuple = find(file, header, SHAPE, "shape").group(1);
        List<Integer> extents = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String extent = part.strip();
            if (extent.isEmpty()) {
                continue;
            }
            try {
                int value = Integer.parseInt(extent);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                extents.add(value);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file, "corrupt header: shape (" + tuple + ") is not a tuple of sizes");
            }
        }
        return extents.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Matcher find(Path file, String header, Pattern pattern, String key) throws NpyFormatException {
        String dict = header.strip();
        if (!dict.startsWith("{") || !dict.endsWith("}")) {
            throw new NpyFormatException(file, "corrupt header: expected a dict literal {...}, found '"
                    + abbreviate(dict) + "'");
        }
        Matcher m = pattern.matcher(dict);
        if (!m.find()) {
            throw new NpyFormatException(file, "corrupt header: no valid '" + key + "' entry in '" + abbreviate(dict)
                    + "'");
        }
        return m;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
