package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(double seconds) {
        now.addAndGet(Math.round(seconds * 1e9));
    }

    @Test
    void testEtaFromAverageTimePerStep() {
        ProgressMeter meter = new ProgressMeter("E2 sine-window simplernn", "epoch", 50, now::get);
        advance(4.1);

        Optional<String> line = meter.update(12, "loss 1.23e-04");

        // 4.1 s for 12 epochs leaves 38 epochs at 0.3417 s each: 12.98 s.
        assertEquals(Optional.of("E2 sine-window simplernn  epoch 12/50  loss 1.23e-04  elapsed 4.1s  eta 13.0s"), line);
    }

    @Test
    void testALongStepReportsItselfEveryIntervalAndAShortOneNever() {
        ProgressMeter meter = new ProgressMeter("E2", "epoch", 10, now::get);
        assertTrue(meter.update(0, null).isPresent());
        advance(0.5);
        assertEquals(Optional.empty(), meter.within(0, "minibatch 1"), "a short step says nothing");
        advance(2.0);
        assertEquals(Optional.of("E2  epoch 1/10 in progress: minibatch 40  elapsed 2.5s  eta ?"),
                meter.within(0, "minibatch 40"));
        advance(1.0);
        assertEquals(Optional.empty(), meter.within(0, "minibatch 60"), "at most one line per interval");
        advance(1.5);
        assertTrue(meter.within(0, "minibatch 90").isPresent());
        meter.update(1, null);
        advance(0.1);
        assertEquals(Optional.empty(), meter.within(1, "minibatch 1"), "the next step starts its own clock");
    }

    @Test
    void testLongDurationsReadAsMinutesAndHours() {
        ProgressMeter meter = new ProgressMeter("E3", "iteration", 6000, now::get);
        advance(65);
        assertEquals(Optional.of("E3  iteration 1000/6000  elapsed 1m05s  eta 5m25s"), meter.update(1000, null));
        assertEquals("2h07m", Durations.human(Duration.ofSeconds(2 * 3600 + 7 * 60 + 10)));
        assertEquals("1m00s", Durations.human(Duration.ofMillis(59_970)));
    }

    @Test
    void testRateLimitedExceptFirstAndLast() {
        ProgressMeter meter = new ProgressMeter("E1", "epoch", 100, now::get);

        assertTrue(meter.update(0, "").isPresent(), "first update is always logged");
        assertTrue(meter.update(0, "").isEmpty(), "no time has passed");
        advance(1.0);
        assertTrue(meter.update(1, "").isEmpty(), "1 s after the last line");
        advance(0.99);
        assertTrue(meter.update(2, "").isEmpty(), "1.99 s after the last line");
        advance(0.01);
        Optional<String> due = meter.update(3, "");
        assertTrue(due.isPresent(), "2 s after the last line");
        assertTrue(due.get().contains("epoch 3/100"), due.get());
        advance(0.5);
        assertTrue(meter.update(4, "").isEmpty(), "0.5 s after the last line");
        assertTrue(meter.update(100, "").isPresent(), "the last update is always logged");
    }

    @Test
    void testEtaUnknownBeforeAnyStepAndOutOfRangeRejected() {
        ProgressMeter meter = new ProgressMeter("E4", "epoch", 10, now::get);
        assertEquals(Optional.of("E4  epoch 0/10  elapsed 0.0s  eta ?"), meter.update(0, null));
        assertThrows(IllegalArgumentException.class, () -> meter.update(11, null));
        assertThrows(IllegalArgumentException.class, () -> new ProgressMeter("E4", "epoch", 0, now::get));
    }
}
