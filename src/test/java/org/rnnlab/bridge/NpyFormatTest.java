package org.rnnlab.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading .npy files: round trips, the header NumPy expects, and refusals of bad files. */
class NpyFormatTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryDoubleBitForBit() throws IOException {
        Random random = new Random(7);
        int[][] shapes = {{}, {1}, {5}, {1, 4}, {3, 1}, {2, 3}, {4, 12}, {2, 3, 4}};
        for (int[] shape : shapes) {
            for (NpyFormat.Order order : NpyFormat.Order.values()) {
                double[] values = new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
                for (int k = 0; k < values.length; k++) {
                    values[k] = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                }
                if (values.length >= 4) {
                    values[0] = -0.0;
                    values[1] = Double.MIN_VALUE;
                    values[2] = Double.MAX_VALUE;
                    values[3] = Math.nextUp(1.0);
                }
                NpyArray array = new NpyArray(shape, values);
                Path file = dir.resolve("a" + shape.length + order + values.length + ".npy");
                NpyFormat.write(file, array, order);
                NpyArray read = NpyFormat.read(file);
                assertArrayEquals(shape, read.shape(), Arrays.toString(shape) + " " + order);
                for (int k = 0; k < values.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(values[k]), Double.doubleToRawLongBits(read.values()[k]),
                            "entry " + k + " of " + Arrays.toString(shape) + " " + order);
                }
            }
        }
    }

    @Test
    void headerIsOneNumpyAccepts() throws IOException {
        Path file = dir.resolve("m.npy");
        NpyFormat.write(file, new NpyArray(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, Arrays.copyOf(bytes, 6), "magic");
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data starts at a multiple of 64 bytes");
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertEquals('\n', header.charAt(header.length() - 1), "header ends with a newline");
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals(6 * 8, bytes.length - dataStart, "six float64 values follow");
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 1; k <= 6; k++) {
            assertEquals(k, data.getDouble(), "C order, little-endian");
        }
    }

    @Test
    void vectorAndScalarShapesArePythonTuples() throws IOException {
        Path vector = dir.resolve("v.npy");
        NpyFormat.write(vector, new NpyArray(new int[] {3}, new double[] {1, 2, 3}));
        assertTrue(headerOf(vector).contains("'shape': (3,), "), headerOf(vector));
        Path scalar = dir.resolve("s.npy");
        NpyFormat.write(scalar, new NpyArray(new int[] {}, new double[] {4}));
        assertTrue(headerOf(scalar).contains("'shape': (), "), headerOf(scalar));
        assertEquals(4, NpyFormat.read(scalar).get(), 0);
    }

    @Test
    void fortranOrderFileIsWrittenColumnMajorAndReadBack() throws IOException {
        Path file = dir.resolve("f.npy");
        NpyFormat.write(file, new NpyArray(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}), NpyFormat.Order.FORTRAN);
        assertTrue(headerOf(file).contains("'fortran_order': True"));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, dataOf(file), "column-major on disk");
        NpyArray read = NpyFormat.read(file);
        assertEquals(6, read.get(1, 2), 0);
        assertEquals(2, read.get(0, 1), 0);
    }

    @Test
    void readsFilesItDidNotWrite() throws IOException {
        // files made byte by byte here, independent of the writer: Fortran order, and a version 2.0 header
        Path fortran = writeRaw("hand.npy", 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }",
                new double[] {1, 2, 3, 4, 5, 6});
        NpyArray read = NpyFormat.read(fortran);
        assertArrayEquals(new int[] {3, 2}, read.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, read.values(), 0, "rows of the column-major data");

        Path version2 = writeRaw("v2.npy", 2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                new double[] {7, 8});
        assertArrayEquals(new double[] {7, 8}, NpyFormat.read(version2).values(), 0);
    }

    @Test
    void refusesOtherDtypes() throws IOException {
        for (String dtype : new String[] {"<f4", "<i8", ">f8"}) {
            Path file = writeRaw("t.npy", 1, "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (2, 3), }",
                    new double[3]);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyFormat.read(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'" + dtype + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("'<f8'"), e.getMessage());
            assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        }
    }

    @Test
    void refusesCorruptFiles() throws IOException {
        Path good = dir.resolve("good.npy");
        NpyFormat.write(good, new NpyArray(new int[] {2, 2}, new double[] {1, 2, 3, 4}));
        byte[] bytes = Files.readAllBytes(good);

        byte[] badMagic = bytes.clone();
        badMagic[1] = 'X';
        assertRefused("badmagic.npy", badMagic, "magic");

        byte[] badVersion = bytes.clone();
        badVersion[6] = 4;
        assertRefused("badversion.npy", badVersion, "version 4.0");

        assertRefused("truncated.npy", Arrays.copyOf(bytes, bytes.length - 8),
                "needs 32 bytes of data, the file has 24");
        assertRefused("inheader.npy", Arrays.copyOf(bytes, 20), "header claims");
        assertRefused("empty.npy", new byte[0], "magic");

        Path noShape = writeRaw("noshape.npy", 1, "{'descr': '<f8', 'fortran_order': False, }", new double[1]);
        assertMessage(noShape, "no valid 'shape'");
        Path notDict = writeRaw("notdict.npy", 1, "descr <f8 shape 2", new double[2]);
        assertMessage(notDict, "expected a dict literal");
        Path badShape = writeRaw("badshape.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }",
                new double[2]);
        assertMessage(badShape, "not a tuple of sizes");
    }

    private void assertRefused(String name, byte[] bytes, String expected) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        assertMessage(file, expected);
    }

    private static void assertMessage(Path file, String expected) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyFormat.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A file with the given major version and header text (padded like NumPy's) and values, written by hand. */
    private Path writeRaw(String name, int major, String dict, double[] values) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        int padding = (64 - (prefix + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(prefix + header.length() + 8 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) header.length());
        } else {
            buffer.putInt(header.length());
        }
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double value : values) {
            buffer.putDouble(value);
        }
        Path file = dir.resolve(name);
        Files.write(file, buffer.array());
        return file;
    }

    private static String headerOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        return new String(bytes, 10, length, StandardCharsets.ISO_8859_1);
    }

    private static double[] dataOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 10 + ((bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8);
        ByteBuffer data = ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(bytes.length - start) / 8];
        for (int k = 0; k < values.length; k++) {
            values[k] = data.getDouble();
        }
        return values;
    }
}
