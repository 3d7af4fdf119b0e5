package org.rnnlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code summary.md} of a run, built in reading order: a title, paragraphs, tables of settings
 * and metrics, and plots linked by paths relative to the summary, so the run folder can be moved or
 * shared as a whole and still display.
 */
public final class MarkdownSummary {

    private String title;
    private final List<String> blocks = new ArrayList<>();

    /** The document title, rendered first as a level-1 heading wherever it is set. */
    public MarkdownSummary title(String title) {
        this.title = oneLine(Objects.requireNonNull(title, "title"));
        return this;
    }

    /** A paragraph of Markdown text, written as given. */
    public MarkdownSummary paragraph(String markdown) {
        blocks.add(Objects.requireNonNull(markdown, "markdown").strip());
        return this;
    }

    /** A two-column table (Name, Value) in the map's iteration order, under a level-2 heading. */
    public MarkdownSummary keyValueTable(String heading, Map<String, String> entries) {
        Objects.requireNonNull(entries, "entries");
        List<String[]> rows = new ArrayList<>();
        entries.forEach((key, value) -> {
            Objects.requireNonNull(value, () -> "Entry '" + key + "' has no value");
            rows.add(new String[] {key, value});
        });
        blocks.add(section(heading, table("Name", "Value", false, rows)));
        return this;
    }

    /**
     * A two-column table (Metric, Value) in the map's iteration order, under a level-2 heading; values
     * are written as in the console results table ({@link NumberFormats#metric}) and right-aligned.
     */
    public MarkdownSummary metricsTable(String heading, Map<String, Double> metrics) {
        Objects.requireNonNull(metrics, "metrics");
        List<String[]> rows = new ArrayList<>();
        metrics.forEach((name, value) -> {
            Objects.requireNonNull(value, () -> "Metric '" + name + "' has no value");
            rows.add(new String[] {name, NumberFormats.metric(value)});
        });
        blocks.add(section(heading, table("Metric", "Value", true, rows)));
        return this;
    }

    /**
     * An image with its caption beneath.
     *
     * @param relativePngPath path relative to the summary file, '/'-separated, e.g. {@code plots/loss.png}
     */
    public MarkdownSummary image(String caption, String relativePngPath) {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(relativePngPath, "relativePngPath");
        String path = relativePngPath.replace('\\', '/');
        if (path.isBlank() || path.startsWith("/") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            throw new IllegalArgumentException("Image path '" + relativePngPath
                    + "' must be relative to the summary, so the run folder stays readable when moved");
        }
        String alt = oneLine(caption).replace("[", "\\[").replace("]", "\\]");
        String target = path.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
        String image = "![" + alt + "](" + target + ")";
        blocks.add(caption.isBlank() ? image : image + "\n\n*" + oneLine(caption) + "*");
        return this;
    }

    /**
     * {@code text} exactly as it is (line breaks, spaces, Markdown characters) in a fenced block under
     * a level-2 heading. The fence is longer than any run of backticks in the text, so no text can
     * close it early.
     */
    public MarkdownSummary verbatim(String heading, String text) {
        Objects.requireNonNull(text, "text");
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(Math.max(3, longestRun + 1));
        String body = text.endsWith("\n") ? text : text + "\n";
        blocks.add(section(heading, fence + "text\n" + body + fence));
        return this;
    }

    /** The whole document, ending with a newline. */
    public String render() {
        List<String> parts = new ArrayList<>();
        if (title != null) {
            parts.add("# " + title);
        }
        parts.addAll(blocks);
        return String.join("\n\n", parts) + "\n";
    }

    private static String section(String heading, String body) {
        Objects.requireNonNull(heading, "heading");
        return heading.isBlank() ? body : "## " + oneLine(heading) + "\n\n" + body;
    }

    private static String table(String keyHeader, String valueHeader, boolean alignValuesRight, List<String[]> rows) {
        if (rows.isEmpty()) {
            return "*(none)*";
        }
        StringBuilder table = new StringBuilder();
        table.append("| ").append(keyHeader).append(" | ").append(valueHeader).append(" |\n");
        table.append("| --- | ").append(alignValuesRight ? "---:" : "---").append(" |");
        for (String[] row : rows) {
            table.append("\n| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" |");
        }
        return table.toString();
    }

    /** Table cell text: a '|' would end the cell and a line break the row. */
    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
