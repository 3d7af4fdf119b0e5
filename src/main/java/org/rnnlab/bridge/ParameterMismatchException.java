package org.rnnlab.bridge;

/**
 * Two parameter sets that do not fit each other: a parameter missing on one side, in another
 * place, or of another shape. The message names the parameter and both shapes.
 */
public class ParameterMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ParameterMismatchException(String message) {
        super(message);
    }
}
