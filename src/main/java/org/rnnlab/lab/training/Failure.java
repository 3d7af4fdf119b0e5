package org.rnnlab.lab.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.IoErrors;
import org.rnnlab.lab.settings.MemoryEstimate;
import org.rnnlab.lab.settings.SettingsException;

/**
 * Any failure as a person should read it: what failed, where, and what to do, without a stack
 * trace. rnnlab's own exceptions already say that in their message; for the others (I/O errors,
 * memory, errors inside DL4J or ND4J, anything unexpected) this says what kind of failure it was and
 * where it arose.
 */
public final class Failure {

    /** System property that adds the stack trace to every failure message. */
    public static final String DEBUG_PROPERTY = "rnnlab.debug";

    /** Characters of a library's message shown at most: enough for any real message, not for a file's content. */
    private static final int MAX_MESSAGE = 1000;

    private static final String MEMORY_ADVICE = "make the network smaller (hidden, layers, batch, tbptt), or give Java "
            + "more memory (-Xmx; MAVEN_OPTS=-Xmx16g for mvn exec:java)";

    private Failure() {
    }

    /** Whether stack traces are asked for ({@code -Drnnlab.debug=true}). */
    public static boolean debug() {
        return Boolean.getBoolean(DEBUG_PROPERTY);
    }

    /** The message for {@code e}: one or a few lines, control characters escaped. */
    public static String describe(Throwable e) {
        return printable(text(e));
    }

    private static String text(Throwable e) {
        if (e instanceof SettingsException || e instanceof DataFileException || e instanceof PreflightException
                || e instanceof TrainingDivergedException || e instanceof RunFailedException) {
            return e.getMessage();
        }
        if (e instanceof TrainingStoppedException stopped) {
            return "stopped by " + stopped.reason().what() + "; " + stopped.getMessage();
        }
        if (e instanceof UncheckedIOException unchecked) {
            return text(unchecked.getCause());
        }
        if (e instanceof IOException io) {
            return "I/O error: " + IoErrors.describe(io);
        }
        if (e instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "out of Java heap memory (%s; this JVM may use %s); %s",
                    message(e), gigabytes(Runtime.getRuntime().maxMemory()), MEMORY_ADVICE);
        }
        if (isNativeAllocationFailure(e)) {
            return "out of native memory while ND4J allocated an array (" + message(e) + "); " + MEMORY_ADVICE
                    + ", or raise ND4J's limit with -D" + MemoryEstimate.NATIVE_LIMIT_PROPERTY + "=SIZE";
        }
        if (e instanceof IllegalArgumentException) {
            return message(e);
        }
        String where = where(e);
        String library = library(e);
        String origin = library.isEmpty() ? "" : " in " + library;
        return "unexpected " + e.getClass().getSimpleName() + origin + ": " + message(e)
                + (where.isEmpty() ? "" : " (at " + where + ")")
                + (debug() ? "" : "; run with -D" + DEBUG_PROPERTY + "=true for the stack trace");
    }

    /** ND4J reports a failed native allocation as a RuntimeException holding std::bad_alloc or JavaCPP's limit. */
    private static boolean isNativeAllocationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof OutOfMemoryError && t != e) {
                return true;
            }
            if (message != null && (message.contains("bad_alloc") || message.contains("Allocation failed")
                    || message.contains("Failed to allocate") || message.contains("Physical memory usage is too high"))) {
                return true;
            }
        }
        return false;
    }

    /** The library an exception class comes from, or nothing for Java's own and rnnlab's. */
    private static String library(Throwable e) {
        String name = e.getClass().getName();
        if (name.startsWith("org.deeplearning4j.")) {
            return "DL4J";
        }
        if (name.startsWith("org.nd4j.")) {
            return "ND4J";
        }
        if (name.startsWith("org.datavec.")) {
            return "DataVec";
        }
        return name.startsWith("java.") || name.startsWith("org.rnnlab.") ? ""
                : name.substring(0, Math.max(0, name.lastIndexOf('.')));
    }

    /** The first rnnlab frame, else the first frame: where a person would start looking. */
    private static String where(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("org.rnnlab.")) {
                return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
                        + frame.getMethodName() + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "");
            }
        }
        return frames.length == 0 ? "" : frames[0].toString();
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? message(e.getCause()) : e.getClass().getSimpleName();
        }
        String text = message.strip();
        return text.length() <= MAX_MESSAGE ? text
                : text.substring(0, MAX_MESSAGE) + "... (" + (text.length() - MAX_MESSAGE) + " more characters)";
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    /** Control characters escaped as \\uXXXX, line breaks kept: a message never garbles the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || !Character.isISOControl(c)) {
                out.appendCodePoint(c);
            } else if (c != '\r') {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
