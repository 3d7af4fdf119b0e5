package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ceiling's command line: defaults, options and the messages for bad ones. */
class ControlChartCeilingTest {

    @Test
    void withoutArgumentsItDrawsTheDefaultNumberOfFreshSeries() {
        ControlChartCeiling.Options options = ControlChartCeiling.Options.parse(new String[0]);
        assertEquals(ControlChartCeiling.DEFAULT_PER_CLASS, options.perClass());
        assertEquals(ControlChartCeiling.DEFAULT_SEED, options.seed());
    }

    @Test
    void optionsAreRead() {
        ControlChartCeiling.Options options = ControlChartCeiling.Options.parse(
                new String[] {"--per-class", "30", "--seed", "-7"});
        assertEquals(30, options.perClass());
        assertEquals(-7, options.seed());
    }

    @Test
    void badOptionsAreNamedInTheMessage() {
        assertMessage("--per-class needs a whole number of at least 1, got '0'", "--per-class", "0");
        assertMessage("--seed needs a whole number, got 'x'", "--seed", "x");
        assertMessage("--per-class needs a value", "--per-class");
        assertMessage("unexpected argument 'data': ControlChartCeiling takes options only", "data");
        assertMessage("ControlChartCeiling does not take --ui: it trains no network", "--ui");
    }

    private static void assertMessage(String expected, String... args) {
        BadArguments error = assertThrows(BadArguments.class,
                () -> ControlChartCeiling.Options.parse(args));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
