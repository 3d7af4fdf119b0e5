package org.rnnlab.lab.training;

import java.util.List;

/**
 * Problems found in the settings and data before anything trained: every one of them, from every
 * settings file, so that a person can fix them all at once.
 */
public class PreflightException extends RuntimeException {

    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming its file and where in it. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder text = new StringBuilder(problems.size() + " problems; nothing was trained:");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  ").append(problem));
        return text.toString();
    }
}
