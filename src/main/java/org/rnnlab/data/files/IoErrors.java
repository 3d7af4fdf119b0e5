package org.rnnlab.data.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What an I/O error means for a person: the path and the reason the operating system gave
 * (permission denied, not a directory, no space left on device). java.nio puts only the path in the
 * message of most of its exceptions and the reason in the exception's type or in
 * {@link FileSystemException#getReason()}, so printing {@code getMessage()} alone says nothing.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** For example "target/runs: not a directory" or "results.csv: no space left on device". */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String other = fs.getOtherFile() == null ? "" : " -> " + Snippet.of(fs.getOtherFile());
            return Snippet.of(fs.getFile()) + other + ": " + reason(e);
        }
        return reason(e);
    }

    /** The reason alone, in lower case: "permission denied", "not a directory", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists (a file of that name is in the way)";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lowerFirst(fs.getReason());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : lowerFirst(message);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
