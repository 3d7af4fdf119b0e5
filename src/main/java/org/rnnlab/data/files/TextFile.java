package org.rnnlab.data.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole file as strict UTF-8 text, the way every rnnlab reader reads its files. Bytes that
 * are not UTF-8 stop the read with the byte offset and line of the first bad byte, instead of being
 * replaced by U+FFFD and turning into characters nobody wrote. Files larger than
 * the {@link DataFileLimits limits} are refused before they are read, because every reader keeps
 * its whole file in memory. A leading byte-order mark is dropped: it is an encoding marker, not text.
 *
 * <p>Every data file rnnlab reads is read here, and each read is logged at debug level ("read FILE
 * (N bytes)"), so a run's log can show which files it read and how often: once each.
 */
public final class TextFile {

    private static final Logger LOG = LoggerFactory.getLogger(TextFile.class);

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** Bad bytes shown in a message at most. */
    private static final int SHOWN_BYTES = 4;

    private TextFile() {
    }

    /**
     * The text of {@code file}.
     *
     * @throws DataFileException if the file is missing, larger than the {@link DataFileLimits limits},
     *                           unreadable or not UTF-8
     */
    public static String read(Path file) {
        String text = decode(file);
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * The text of {@code file} as {@link #read} checks it, a leading byte-order mark kept: for files
     * that DataVec reads itself, which would take the mark for part of the first value.
     */
    static String decode(Path file) {
        byte[] bytes = readBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never gives more UTF-16 units than bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(file, bytes, in.position(), result.length());
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * Writes {@code text} as UTF-8 through a temporary file and a move, so an interrupted run leaves
     * no half-written data file.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write data file " + file, e);
        }
    }

    /** The text of {@code file} as Unicode code points (see {@link #read}). */
    public static int[] codePoints(Path file) {
        return read(file).codePoints().toArray();
    }

    /**
     * Where a validation part that is the last {@code fraction} of a text of {@code length}
     * characters begins: length - round(length · fraction). Training takes [0, that), validation
     * [that, length).
     */
    public static int validationStart(int length, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must lie strictly between 0 and 1, got " + fraction);
        }
        return length - (int) Math.round(length * fraction);
    }

    /** The bytes of an existing file within the {@link DataFileLimits limits}. */
    private static byte[] readBytes(Path file) {
        DataFileLimits.check(file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            LOG.debug("read {} ({} bytes)", file, bytes.length);
            return bytes;
        } catch (NoSuchFileException e) {
            throw DataFileException.notFound(file);
        } catch (IOException e) {
            throw DataFileException.ofFile(file, "could not be read: " + IoErrors.reason(e), e);
        }
    }

    private static DataFileException notUtf8(Path file, byte[] bytes, int offset, int length) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        StringBuilder shown = new StringBuilder();
        for (int i = offset; i < Math.min(offset + Math.min(length, SHOWN_BYTES), bytes.length); i++) {
            shown.append(shown.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return DataFileException.ofFile(file, "is not UTF-8 text: byte offset " + offset + " (line " + line
                + ") holds " + shown + ", which is not valid UTF-8 there; save the file as UTF-8");
    }
}
