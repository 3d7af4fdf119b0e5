package org.rnnlab.spec;

import java.io.Serializable;

/**
 * How weight matrices are initialised. Biases always start at zero, except an LSTM's forget gate
 * (1.0, as DL4J does) when the network has biases.
 *
 * @param kind   the family
 * @param a      mean (NORMAL) or lower bound (UNIFORM); unused for XAVIER
 * @param b      standard deviation (NORMAL) or upper bound (UNIFORM); unused for XAVIER
 */
public record WeightInitSpec(Kind kind, double a, double b) implements Serializable {

    public enum Kind {
        /** Normal(a, b²). */
        NORMAL,
        /** Uniform on [a, b). */
        UNIFORM,
        /** DL4J's WeightInit.XAVIER: normal with std sqrt(2 / (fanIn + fanOut)). */
        XAVIER
    }

    public WeightInitSpec {
        if (kind == null) {
            throw new IllegalArgumentException("weight init kind is required");
        }
        if (kind == Kind.NORMAL && !(b > 0)) {
            throw new IllegalArgumentException("normal init needs a positive standard deviation, got " + b);
        }
        if (kind == Kind.UNIFORM && !(b > a)) {
            throw new IllegalArgumentException("uniform init needs lower < upper, got [" + a + ", " + b + ")");
        }
    }

    public static WeightInitSpec normal(double mean, double std) {
        return new WeightInitSpec(Kind.NORMAL, mean, std);
    }

    public static WeightInitSpec uniform(double lower, double upper) {
        return new WeightInitSpec(Kind.UNIFORM, lower, upper);
    }

    public static WeightInitSpec xavier() {
        return new WeightInitSpec(Kind.XAVIER, 0, 0);
    }
}
