package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsLogTest {

    @Test
    void testCsvRoundTripGivesBackTheSameDoubles() {
        MetricsLog log = MetricsLog.withColumns("train_loss", "test_loss");
        double[][] values = {
                {0.1 + 0.2, 1.0 / 3.0},
                {2.28e-5, Math.PI * 1e-300},
                {Double.MIN_VALUE, -123456789.0123456789},
                {0.0, Math.nextUp(1.0)}};
        for (int i = 0; i < values.length; i++) {
            log.add(i + 1, values[i]);
        }

        String[] lines = log.toCsv().split("\n");

        assertEquals("epoch,train_loss,test_loss", lines[0]);
        assertEquals(values.length + 1, lines.length);
        for (int i = 0; i < values.length; i++) {
            String[] fields = lines[i + 1].split(",");
            assertEquals(i + 1, Integer.parseInt(fields[0]));
            assertEquals(values[i][0], Double.parseDouble(fields[1]));
            assertEquals(values[i][1], Double.parseDouble(fields[2]));
        }
    }

    @Test
    void testColumnsAndSize() {
        MetricsLog log = MetricsLog.withColumns("loss", "accuracy");
        log.add(0, 0.9, 0.5);
        log.add(5, 0.1, 1.0);

        assertEquals(List.of("epoch", "loss", "accuracy"), log.columns());
        assertEquals(2, log.size());
        assertArrayEquals(new double[] {0, 5}, log.column("epoch"));
        assertArrayEquals(new double[] {0.9, 0.1}, log.column("loss"));
        assertEquals(1.0, log.last("accuracy"));
    }

    @Test
    void testWrongValueCountIsRejected() {
        MetricsLog log = MetricsLog.withColumns("train_loss", "test_loss");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> log.add(3, 0.5));

        assertTrue(thrown.getMessage().contains("Epoch 3"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("expected 2"), thrown.getMessage());
        assertEquals(0, log.size());
    }

    @Test
    void testNaNIsRejectedNamingColumnAndEpoch() {
        MetricsLog log = MetricsLog.withColumns("train_loss", "test_loss");
        log.add(11, 0.5, 0.6);

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> log.add(12, 0.4, Double.NaN));

        assertTrue(thrown.getMessage().contains("'test_loss'"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("epoch 12"), thrown.getMessage());
        assertEquals(1, log.size());
        assertFalse(log.toCsv().contains("NaN"));
    }

    @Test
    void testInfinityIsRejected() {
        MetricsLog log = MetricsLog.withColumns("loss");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> log.add(1, Double.POSITIVE_INFINITY));
        assertTrue(thrown.getMessage().contains("'loss' at epoch 1"), thrown.getMessage());
    }

    @Test
    void testEpochsMustIncrease() {
        MetricsLog log = MetricsLog.withColumns("loss");
        log.add(4, 1.0);
        assertThrows(IllegalArgumentException.class, () -> log.add(4, 0.5));
    }

    @Test
    void testColumnNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.withColumns("loss", "loss"));
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.withColumns("epoch", "loss"));
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.withColumns("test loss"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MetricsLog.withColumns("loss").column("acc"));
        assertTrue(unknown.getMessage().contains("'acc'"), unknown.getMessage());
    }
}
