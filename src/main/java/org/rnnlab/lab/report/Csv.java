package org.rnnlab.lab.report;

import java.util.List;
import java.util.stream.Collectors;

/** The few CSV rules this package needs (RFC 4180 quoting, one record per line). */
public final class Csv {

    private Csv() {
    }

    /** A field as CSV text: quoted, with inner quotes doubled, when it holds a comma, quote or line break. */
    public static String field(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** One record, fields quoted as needed, ending with a newline. */
    public static String record(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }
}
