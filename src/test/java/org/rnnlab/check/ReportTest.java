package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.CheckFixtures;

/** The per-parameter table: error measure, worst entry, flagged parameters and NaN handling. */
class ReportTest {

    private static final NetworkSpec LSTM = CheckFixtures.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(3), true);

    @Test
    void relativeErrorIgnoresOnlyWhatItIsToldToIgnore() {
        RelativeError analytic = RelativeError.ANALYTIC;
        assertEquals(0, analytic.of(3e-13, -5e-13), "both below 1e-12");
        assertEquals(1, analytic.of(2e-12, 0), 1e-15, "one above 1e-12");
        assertEquals(1e-9, analytic.of(1, 1 + 1e-9), 1e-15);
        assertEquals(0, analytic.of(-0.0, 0.0));
        assertTrue(Double.isNaN(analytic.of(Double.NaN, 1)));
        RelativeError floored = new RelativeError(0, 1e-8);
        assertEquals(0, floored.of(1e-9, 5e-9), "difference below the absolute tolerance");
        assertEquals(0.5, floored.of(2e-8, 4e-8), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new RelativeError(-1, 0));
    }

    @Test
    void worstEntryIsNamedWhereTheDifferenceWasPlanted() {
        ParameterLayout layout = ParameterLayout.of(LSTM);
        double[] left = new double[layout.size()];
        for (int k = 0; k < left.length; k++) {
            left[k] = 0.1 + k * 0.01;
        }
        double[] right = left.clone();
        ParamBlock rw = layout.block("0_RW");
        right[rw.index(2, 10)] *= 1 + 1e-5;
        right[rw.index(0, 1)] *= 1 + 1e-7;
        right[layout.block("1_b").index(0, 1)] += 1e-20;

        Report report = Report.of("planted", LSTM, RelativeError.ANALYTIC, "left", 1, left, "right", 1, right);
        assertEquals(List.of("0_RW"), report.parametersAbove(1e-8));
        ParameterError worst = report.worst();
        assertEquals("0_RW", worst.parameter());
        assertEquals(1e-5, worst.maxRelative(), 1e-9);
        assertEquals(new ParameterEntry("0_RW", 0, "RW", "i (input)", 1, 2, 10), worst.worst());
        assertEquals(0, report.parameter("1_b").maxRelative(), "1e-20 on 0.2 is below double resolution");
        assertTrue(report.agrees(2e-5, 0));
        assertFalse(report.agrees(1e-6, 0));
        String table = report.toString();
        assertTrue(table.contains("layer 0 RW row 2 col 10 (gate i (input), unit 1)"), table);
        assertEquals(2 + 1 + 1 + 5, table.split(System.lineSeparator()).length, "title, score, rule, header, 5 rows\n"
                + table);
    }

    @Test
    void nanIsNeverAgreement() {
        ParameterLayout layout = ParameterLayout.of(LSTM);
        double[] left = new double[layout.size()];
        double[] right = new double[layout.size()];
        right[layout.block("0_W").index(1, 4)] = Double.NaN;
        Report report = Report.of("nan", LSTM, RelativeError.ANALYTIC, "left", 0, left, "right", 0, right);
        assertTrue(Double.isNaN(report.maxRelativeError()));
        assertEquals(List.of("0_W"), report.parametersAbove(1));
        assertEquals("0_W", report.worst().parameter());
        assertEquals("f (forget)", report.worst().worst().gate());
        assertFalse(report.agrees(Double.MAX_VALUE, Double.MAX_VALUE));

        Report nanScore = Report.of("nan score", LSTM, RelativeError.ANALYTIC, "left", Double.NaN, left, "right", 0,
                left);
        assertFalse(nanScore.agrees(1, 1));
    }

    @Test
    void vectorsOfTheWrongLengthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.of("short", LSTM, RelativeError.ANALYTIC, "left", 0, new double[3], "right", 0,
                        new double[3]));
        assertTrue(e.getMessage().contains("expected " + ParameterLayout.of(LSTM).size()), e.getMessage());
    }
}
