package org.rnnlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.data.files.Cells;

/**
 * A noisy predator-prey series, month by month: the demo data of a forecast with several input
 * columns and a horizon above one ({@code data/predator-prey/monthly.csv}).
 *
 * <p>The populations follow the Lotka-Volterra equations with the two refinements of the
 * Rosenzweig-MacArthur model: the prey's growth is limited by a carrying capacity K (logistic
 * growth), and a predator's intake saturates as prey become plentiful (Holling's type II response,
 * handling time h). With prey x and predators y, in months:
 * <pre>
 *   dx/dt = r·x·(1 − x/K) − a·x·y / (1 + a·h·x)
 *   dy/dt = e·a·x·y / (1 + a·h·x) − m·y
 * </pre>
 * With these parameters the equilibrium is unstable and the populations settle on a limit cycle of
 * about 27 months: a prey boom, then a predator peak that crashes the prey, then a predator decline.
 * (The plain Lotka-Volterra equations have no limit cycle: every orbit is closed, so noise would
 * move the series from orbit to orbit without bound.)
 *
 * <p>The equations are integrated with the classical fourth-order Runge-Kutta method,
 * {@value #STEPS_PER_MONTH} steps a month. At the end of every month both populations are multiplied
 * by a random factor exp(σ·z) (process noise, σ = {@value #PROCESS_NOISE}: good and bad months), and
 * the recorded counts are the populations times another such factor each (observation noise, σ =
 * {@value #OBSERVATION_NOISE}), rounded to {@value #DECIMALS} decimals. The z are standard normal
 * numbers from one {@link SplittableRandom} seeded by the caller (Box-Muller, one number per pair of
 * uniform draws), four a month in the order prey process, predator process, prey observation,
 * predator observation. The run starts from {@value #PREY_START} prey and {@value #PREDATOR_START}
 * predators, and its first {@value #BURN_IN} months are dropped, so the series starts on the cycle.
 * {@link StrictMath} makes the values the same on every JVM.
 */
public final class PredatorPrey {

    /** The seed of the committed file (the year Volterra published the equations). */
    public static final long SEED = 1926;
    /** Months recorded. */
    public static final int MONTHS = 600;
    /** Months run and dropped before the first recorded month. */
    public static final int BURN_IN = 120;
    /** Runge-Kutta steps per month. */
    public static final int STEPS_PER_MONTH = 20;
    /** Decimals kept in every count. */
    public static final int DECIMALS = 2;
    /** The header of the CSV file. */
    public static final List<String> COLUMNS = List.of("month", "prey", "predator");

    /** r: the prey's growth rate per month while prey are few. */
    static final double PREY_GROWTH = 0.5;
    /** K: the most prey the habitat holds. */
    static final double CAPACITY = 100;
    /** a: the rate at which one predator finds prey, per prey per month. */
    static final double ATTACK = 0.05;
    /** h: months a predator spends on each prey caught. */
    static final double HANDLING = 0.5;
    /** e: predators gained per prey eaten. */
    static final double CONVERSION = 0.5;
    /** m: the predators' death rate per month. */
    static final double PREDATOR_DEATH = 0.3;
    static final double PROCESS_NOISE = 0.03;
    static final double OBSERVATION_NOISE = 0.03;
    static final double PREY_START = 20;
    static final double PREDATOR_START = 5;
    private static final double SCALE = StrictMath.pow(10, DECIMALS);

    private PredatorPrey() {
    }

    /** One recorded month: its number (from 1) and the counts of prey and predators. */
    public record Month(int month, double prey, double predator) {
    }

    /** The {@value #MONTHS} recorded months drawn with {@code seed}. */
    public static List<Month> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double prey = PREY_START;
        double predator = PREDATOR_START;
        List<Month> months = new ArrayList<>(MONTHS);
        for (int month = 1 - BURN_IN; month <= MONTHS; month++) {
            double[] next = month(prey, predator);
            prey = next[0] * StrictMath.exp(PROCESS_NOISE * normal(random));
            predator = next[1] * StrictMath.exp(PROCESS_NOISE * normal(random));
            double seenPrey = round(prey * StrictMath.exp(OBSERVATION_NOISE * normal(random)));
            double seenPredator = round(predator * StrictMath.exp(OBSERVATION_NOISE * normal(random)));
            if (month >= 1) {
                months.add(new Month(month, seenPrey, seenPredator));
            }
        }
        return months;
    }

    /** One month of the equations without noise, from {@code prey} and {@code predator}: {prey, predator}. */
    static double[] month(double prey, double predator) {
        double dt = 1.0 / STEPS_PER_MONTH;
        double x = prey;
        double y = predator;
        for (int s = 0; s < STEPS_PER_MONTH; s++) {
            double[] k1 = rates(x, y);
            double[] k2 = rates(x + dt / 2 * k1[0], y + dt / 2 * k1[1]);
            double[] k3 = rates(x + dt / 2 * k2[0], y + dt / 2 * k2[1]);
            double[] k4 = rates(x + dt * k3[0], y + dt * k3[1]);
            x += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            y += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
        return new double[] {x, y};
    }

    /** dx/dt and dy/dt at (x, y). */
    static double[] rates(double x, double y) {
        double eaten = ATTACK * x * y / (1 + ATTACK * HANDLING * x);
        return new double[] {PREY_GROWTH * x * (1 - x / CAPACITY) - eaten, CONVERSION * eaten - PREDATOR_DEATH * y};
    }

    /** The equilibrium where both rates vanish with both populations present: {prey, predator}. */
    static double[] equilibrium() {
        double prey = PREDATOR_DEATH / (ATTACK * (CONVERSION - PREDATOR_DEATH * HANDLING));
        double predator = PREY_GROWTH * (1 - prey / CAPACITY) * (1 + ATTACK * HANDLING * prey) / ATTACK;
        return new double[] {prey, predator};
    }

    /** A standard normal number (Box-Muller, the cosine branch): two uniform draws. */
    private static double normal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    private static double round(double value) {
        return Math.round(value * SCALE) / SCALE;
    }

    /** The CSV file: the header {@code month,prey,predator}, then one row per month, counts with {@value #DECIMALS} decimals. */
    public static String csv(List<Month> months) {
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Month month : months) {
            text.append(month.month()).append(',').append(Cells.fixed(month.prey(), DECIMALS)).append(',')
                    .append(Cells.fixed(month.predator(), DECIMALS)).append('\n');
        }
        return text.toString();
    }

    /**
     * The README of data/predator-prey: what the file holds, how it was made, the equations.
     *
     * @param writer the class that writes the files, named in the README
     */
    public static String readme(String writer) {
        double[] equilibrium = equilibrium();
        return """
                # A noisy predator-prey series (predator-prey)

                `monthly.csv` holds %d months of a simulated predator-prey system, made by rnnlab itself:
                a header line `month,prey,predator`, then one row per month, `month` counting from 1 and the
                two populations with %d decimals. It is the demo data of a forecast with several input columns
                and a horizon above one (`experiments/predator-prey-lstm.properties`).

                Written by `%s` with `PredatorPrey.generate(%d)`; a test checks
                that this file equals a fresh run byte for byte.

                ## The equations

                The Lotka-Volterra predator-prey equations with the two refinements of the
                Rosenzweig-MacArthur model, prey growth limited by a carrying capacity and a predator's
                intake that saturates; prey x, predators y, time in months:

                    dx/dt = r·x·(1 − x/K) − a·x·y / (1 + a·h·x)
                    dy/dt = e·a·x·y / (1 + a·h·x) − m·y

                | parameter | value | meaning |
                | --- | --- | --- |
                | r | %s | prey growth rate per month while prey are few |
                | K | %s | the most prey the habitat holds |
                | a | %s | rate at which a predator finds prey, per prey per month |
                | h | %s | months a predator spends on each prey caught |
                | e | %s | predators gained per prey eaten |
                | m | %s | predator death rate per month |

                The equilibrium (%s prey, %s predators) is unstable, and the populations settle on a
                limit cycle of about 27 months: a prey boom, a predator peak that crashes the prey, a
                predator decline. The plain Lotka-Volterra equations have no limit cycle (every orbit is
                closed), so noise would carry their series from orbit to orbit without bound.

                ## How the series is drawn

                The equations are integrated with the fourth-order Runge-Kutta method, %d steps a month.
                At the end of every month each population is multiplied by exp(%s·z) (process noise: good
                and bad months), and the recorded counts are the populations times exp(%s·z) each
                (observation noise), rounded to %d decimals; every z is a fresh standard normal number
                (Box-Muller). The run starts from %s prey and %s predators, and its first %d months are
                dropped, so the series starts on the cycle. The order of the draws is in the Javadoc of
                `PredatorPrey`.
                """.formatted(MONTHS, DECIMALS, writer, SEED, Cells.number(PREY_GROWTH), Cells.number(CAPACITY),
                Cells.number(ATTACK), Cells.number(HANDLING), Cells.number(CONVERSION), Cells.number(PREDATOR_DEATH),
                Cells.fixed(equilibrium[0], 1), Cells.fixed(equilibrium[1], 1), STEPS_PER_MONTH, Cells.number(PROCESS_NOISE),
                Cells.number(OBSERVATION_NOISE), DECIMALS, Cells.number(PREY_START), Cells.number(PREDATOR_START),
                BURN_IN);
    }
}
