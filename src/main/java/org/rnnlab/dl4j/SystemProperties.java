package org.rnnlab.dl4j;

/** rnnlab's run-time switches given as {@code -Dname=value}, read the same way everywhere. */
public final class SystemProperties {

    private SystemProperties() {
    }

    /**
     * The positive integer in system property {@code name}, or {@code fallback} when it is unset or
     * blank.
     *
     * @throws IllegalArgumentException naming the property and its value when it is not a positive integer
     */
    public static int positiveInt(String name, int fallback) {
        return intAtLeast(name, fallback, 1, "a positive integer");
    }

    /**
     * The integer >= 0 in system property {@code name}, or {@code fallback} when it is unset or blank.
     *
     * @throws IllegalArgumentException naming the property and its value when it is not one
     */
    public static int nonNegativeInt(String name, int fallback) {
        return intAtLeast(name, fallback, 0, "an integer >= 0");
    }

    private static int intAtLeast(String name, int fallback, int min, String expected) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + name + " = '" + value
                + "'; expected " + expected);
    }
}
