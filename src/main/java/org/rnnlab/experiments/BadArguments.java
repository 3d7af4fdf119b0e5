package org.rnnlab.experiments;

/**
 * The command line asks for what the program cannot do: an option it does not take, a value it
 * cannot use, an argument missing or too many, a file or folder that is not there. The program
 * then prints the message and its usage text on standard error and exits with
 * {@value Experiments#BAD_ARGUMENTS}, before it has read or written anything else.
 */
final class BadArguments extends IllegalArgumentException {

    BadArguments(String message) {
        super(message);
    }
}
