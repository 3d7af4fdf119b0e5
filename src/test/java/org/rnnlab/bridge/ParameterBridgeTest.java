package org.rnnlab.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures;

/** Copying parameters between DL4J, the scratch network and .npy files, and refusing what does not fit. */
class ParameterBridgeTest {

    private static final TrainingSpec TRAINING = CheckFixtures.training(UpdaterKind.SGD, 0.1, ClipSpec.none(), 3);
    private static final NetworkSpec LSTM = CheckFixtures.spec(CellType.LSTM, 2, 3, 2, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(3), true);
    private static final NetworkSpec RNN = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.LAST_STEP,
            CheckFixtures.OUTPUTS.get(0), false);
    private static final NetworkSpec GRU = CheckFixtures.spec(CellType.GRU, 2, 3, 2, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(1), true);

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void copiesAreExactAndEveryEntryLandsWhereDl4jKeepsIt() {
        for (NetworkSpec spec : List.of(LSTM, RNN, GRU)) {
            MultiLayerNetwork net = NetworkFactory.network(spec, TRAINING);
            ScratchNetwork scratch = new ScratchNetwork(spec, 42);
            ParameterBridge.toDl4j(scratch, net);
            assertArrayEquals(scratch.params(), ParameterBridge.flatParams(net), 0);
            for (ParamBlock block : scratch.layout().blocks()) {
                INDArray dl4j = net.getParam(block.name());
                for (int row = 0; row < block.rows(); row++) {
                    for (int col = 0; col < block.cols(); col++) {
                        double value = dl4j.rank() == 1 ? dl4j.getDouble(col) : dl4j.getDouble(row, col);
                        assertEquals(scratch.param(block.name(), row, col), value, 0,
                                block.name() + "(" + row + ", " + col + ")");
                    }
                }
            }

            net.setParams(Nd4j.rand(1, (int) net.numParams()).muli(2).subi(1));
            ParameterBridge.toScratch(net, scratch);
            assertArrayEquals(ParameterBridge.flatParams(net), scratch.params(), 0);
        }
    }

    @Test
    void anotherArchitectureIsRefusedNamingTheParameterAndBothShapes() {
        MultiLayerNetwork simpleRnn = NetworkFactory.network(CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 2, 2,
                OutputMode.EVERY_STEP, CheckFixtures.OUTPUTS.get(3), true), TRAINING);
        ScratchNetwork lstm = new ScratchNetwork(LSTM, 1);
        ParameterMismatchException cell = assertThrows(ParameterMismatchException.class,
                () -> ParameterBridge.toScratch(simpleRnn, lstm));
        assertMessage(cell, "0_W", "DL4J shape [2, 3]", "scratch shape [2, 12]");

        MultiLayerNetwork wider = NetworkFactory.network(CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 4, 1, 1,
                OutputMode.LAST_STEP, CheckFixtures.OUTPUTS.get(0), false), TRAINING);
        ParameterMismatchException hidden = assertThrows(ParameterMismatchException.class,
                () -> ParameterBridge.toDl4j(new ScratchNetwork(RNN, 1), wider));
        assertMessage(hidden, "0_W", "[2, 4]", "[2, 3]");

        MultiLayerNetwork deeper = NetworkFactory.network(CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 2, 1,
                OutputMode.LAST_STEP, CheckFixtures.OUTPUTS.get(0), false), TRAINING);
        ParameterMismatchException layers = assertThrows(ParameterMismatchException.class,
                () -> ParameterBridge.toScratch(deeper, new ScratchNetwork(RNN, 1)));
        // scratch's output layer is layer 1; DL4J's layer 1 is recurrent
        assertMessage(layers, "1_W", "[3, 1]", "[3, 3]");
    }

    @Test
    void npyExportThenImportGivesIdenticalDoubles() throws IOException {
        ScratchNetwork scratch = new ScratchNetwork(LSTM, 5);
        ParameterBridge.exportNpy(scratch, dir.resolve("scratch"));
        try (Stream<Path> files = Files.list(dir.resolve("scratch"))) {
            assertEquals(List.of("0_RW.npy", "0_W.npy", "0_b.npy", "1_RW.npy", "1_W.npy", "1_b.npy", "2_W.npy",
                    "2_b.npy"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(new int[] {2, 12}, NpyFormat.read(dir.resolve("scratch/0_W.npy")).shape());
        assertArrayEquals(new int[] {12}, NpyFormat.read(dir.resolve("scratch/0_b.npy")).shape(), "biases as [n]");
        assertEquals(scratch.param("0_W", 1, 7), NpyFormat.read(dir.resolve("scratch/0_W.npy")).get(1, 7), 0);

        ScratchNetwork fromFiles = new ScratchNetwork(LSTM, 6);
        ParameterBridge.importNpy(dir.resolve("scratch"), fromFiles);
        assertArrayEquals(scratch.params(), fromFiles.params(), 0);

        MultiLayerNetwork net = NetworkFactory.network(LSTM, TRAINING);
        ParameterBridge.importNpy(dir.resolve("scratch"), net);
        assertArrayEquals(scratch.params(), ParameterBridge.flatParams(net), 0, "scratch files into DL4J");
        ParameterBridge.exportNpy(net, dir.resolve("dl4j"));
        for (String name : scratch.layout().names()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("scratch").resolve(name + ".npy")),
                    Files.readAllBytes(dir.resolve("dl4j").resolve(name + ".npy")),
                    name + ": both sides write the same file");
        }

        net.setParams(Nd4j.rand(1, (int) net.numParams()));
        ParameterBridge.exportNpy(net, dir.resolve("random"));
        MultiLayerNetwork other = NetworkFactory.network(LSTM, TRAINING);
        ParameterBridge.importNpy(dir.resolve("random"), other);
        assertArrayEquals(ParameterBridge.flatParams(net), ParameterBridge.flatParams(other), 0, "DL4J round trip");
    }

    @Test
    void gruRecurrentBiasesTravelThroughNpyFilesBothWays() throws IOException {
        ScratchNetwork scratch = new ScratchNetwork(GRU, 5);
        ParameterBridge.exportNpy(scratch, dir.resolve("scratch"));
        try (Stream<Path> files = Files.list(dir.resolve("scratch"))) {
            assertEquals(List.of("0_RB.npy", "0_RW.npy", "0_W.npy", "0_b.npy", "1_RB.npy", "1_RW.npy", "1_W.npy",
                    "1_b.npy", "2_W.npy", "2_b.npy"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(new int[] {3, 9}, NpyFormat.read(dir.resolve("scratch/1_RW.npy")).shape());
        assertArrayEquals(new int[] {9}, NpyFormat.read(dir.resolve("scratch/0_RB.npy")).shape());

        MultiLayerNetwork net = NetworkFactory.network(GRU, TRAINING);
        ParameterBridge.importNpy(dir.resolve("scratch"), net);
        assertArrayEquals(scratch.params(), ParameterBridge.flatParams(net), 0, "scratch files into DL4J");
        assertEquals(scratch.param("0_RB", 0, 7), net.getParam("0_RB").getDouble(7), 0);
        ParameterBridge.exportNpy(net, dir.resolve("dl4j"));
        for (String name : scratch.layout().names()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("scratch").resolve(name + ".npy")),
                    Files.readAllBytes(dir.resolve("dl4j").resolve(name + ".npy")),
                    name + ": both sides write the same file");
        }
        ScratchNetwork back = new ScratchNetwork(GRU, 6);
        ParameterBridge.importNpy(dir.resolve("dl4j"), back);
        assertArrayEquals(scratch.params(), back.params(), 0, "DL4J files into scratch");
    }

    @Test
    void fortranOrderAndRowBiasesAreRead() throws IOException {
        ScratchNetwork scratch = new ScratchNetwork(RNN, 8);
        ParameterBridge.exportNpy(scratch, dir);
        NpyArray rw = NpyFormat.read(dir.resolve("0_RW.npy"));
        NpyFormat.write(dir.resolve("0_RW.npy"), rw, NpyFormat.Order.FORTRAN);
        NpyArray bias = NpyFormat.read(dir.resolve("1_b.npy"));
        NpyFormat.write(dir.resolve("1_b.npy"), new NpyArray(new int[] {1, bias.size()}, bias.values()));

        ScratchNetwork fromFiles = new ScratchNetwork(RNN, 9);
        ParameterBridge.importNpy(dir, fromFiles);
        assertArrayEquals(scratch.params(), fromFiles.params(), 0);
    }

    @Test
    void badFilesAreRefusedNamingParameterFileAndShapes() throws IOException {
        ScratchNetwork scratch = new ScratchNetwork(LSTM, 5);
        MultiLayerNetwork net = NetworkFactory.network(LSTM, TRAINING);
        ParameterBridge.exportNpy(scratch, dir);
        double[] before = scratch.params();

        Files.delete(dir.resolve("1_RW.npy"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> ParameterBridge.importNpy(dir, new ScratchNetwork(LSTM, 5)));
        assertMessage(missing, "1_RW.npy", "parameter 1_RW", "[3, 12]");
        assertThrows(NoSuchFileException.class, () -> ParameterBridge.importNpy(dir, net));
        ParameterBridge.exportNpy(scratch, dir);

        NpyFormat.write(dir.resolve("0_W.npy"), new NpyArray(new int[] {3, 12}, new double[36]));
        ParameterMismatchException shape = assertThrows(ParameterMismatchException.class,
                () -> ParameterBridge.importNpy(dir, scratch));
        assertMessage(shape, "0_W.npy", "parameter 0_W", "[2, 12] in the network", "[3, 12] in the file");
        ParameterMismatchException dl4jShape = assertThrows(ParameterMismatchException.class,
                () -> ParameterBridge.importNpy(dir, net));
        assertMessage(dl4jShape, "parameter 0_W", "[2, 12] in the network", "[3, 12] in the file");
        assertArrayEquals(before, scratch.params(), 0, "a failed import changes nothing");
        ParameterBridge.exportNpy(scratch, dir);

        writeFloat32(dir.resolve("2_b.npy"), 2);
        NpyFormatException dtype = assertThrows(NpyFormatException.class,
                () -> ParameterBridge.importNpy(dir, scratch));
        assertMessage(dtype, "2_b.npy", "'<f4'", "'<f8'", "[2]");
        assertArrayEquals(before, scratch.params(), 0, "a failed import changes nothing");

        Files.writeString(dir.resolve("2_b.npy"), "not numpy at all");
        assertMessage(assertThrows(NpyFormatException.class, () -> ParameterBridge.importNpy(dir, scratch)),
                "2_b.npy", "magic");
    }

    /** A float32 vector file as NumPy writes it. */
    private static void writeFloat32(Path file, int length) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + length + ",), }";
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        byte[] bytes = new byte[10 + header.length() + 4 * length];
        byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, 10, header.length());
        Files.write(file, bytes);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
