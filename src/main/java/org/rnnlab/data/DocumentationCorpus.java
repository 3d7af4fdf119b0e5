package org.rnnlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rnnlab.data.files.TextFile;

/**
 * Builds the demo corpus for character-level models out of rnnlab's own documentation, so that no
 * prose written by others is committed: the README, then every package's documentation
 * (package-info.java), then the Javadoc comments of every main class in path order, each turned
 * into plain text under a heading that names its file. Javadoc markup is resolved, not dropped:
 * {@code {@link A#b}} becomes "A.b", {@code {@code x}} becomes "x", paragraph and list tags become
 * blank lines and dashes, and HTML entities become their characters.
 *
 * <p>The committed corpus is a fixed snapshot ({@link DataFiles#TEXT_CORPUS}); running this class
 * again rewrites it from the documentation as it stands then.
 */
public final class DocumentationCorpus {

    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern LEADING_STAR = Pattern.compile("^\\s*\\*( ?)");
    private static final Pattern PARAGRAPH = Pattern.compile("<p>|</p>|<ul>|</ul>|<ol[^>]*>|</ol>|<pre>|</pre>");
    private static final Pattern FORMATTING = Pattern.compile("</?(b|i|em|strong|tt|code)>|</li>");
    private static final Pattern BLANK_RUNS = Pattern.compile("\n{3,}");

    private DocumentationCorpus() {
    }

    /** Writes the corpus of the project in the working directory to data/text (or to the path given as the first argument). */
    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path out = args.length > 0 ? Path.of(args[0]) : root.resolve(DataFiles.DEFAULT_DATA_DIR).resolve(DataFiles.TEXT_CORPUS);
        TextFile.write(out, build(root));
    }

    /** The corpus of the project at {@code projectRoot}: README.md, package docs, then class docs. */
    public static String build(Path projectRoot) {
        Path sources = projectRoot.resolve("src").resolve("main").resolve("java");
        StringBuilder corpus = new StringBuilder(TextFile.read(projectRoot.resolve("README.md")).strip()).append('\n');
        List<Path> files = javaFiles(sources);
        for (boolean packageDocs : new boolean[] {true, false}) {
            for (Path file : files) {
                if (isPackageInfo(file) != packageDocs) {
                    continue;
                }
                String text = javadocText(TextFile.read(file));
                if (!text.isEmpty()) {
                    String name = sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    corpus.append("\n\n## ").append(name).append("\n\n").append(text).append('\n');
                }
            }
        }
        return corpus.toString();
    }

    /** The plain text of every Javadoc comment in {@code javaSource}, in order, separated by blank lines. */
    public static String javadocText(String javaSource) {
        StringBuilder text = new StringBuilder();
        Matcher comment = JAVADOC.matcher(javaSource);
        while (comment.find()) {
            String plain = plainText(comment.group(1));
            if (!plain.isEmpty()) {
                text.append(text.length() == 0 ? "" : "\n\n").append(plain);
            }
        }
        return text.toString();
    }

    /** One comment's body without its stars, its markup resolved. */
    private static String plainText(String body) {
        StringBuilder lines = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            lines.append(LEADING_STAR.matcher(line).replaceFirst("").stripTrailing()).append('\n');
        }
        String text = inlineTags(lines.toString());
        text = PARAGRAPH.matcher(text).replaceAll("\n");
        text = text.replace("<li>", "- ");
        text = FORMATTING.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        StringBuilder tidy = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            tidy.append(line.stripTrailing()).append('\n');
        }
        return BLANK_RUNS.matcher(tidy.toString()).replaceAll("\n\n").strip();
    }

    /** Resolves {@code {@tag content}}, with nested braces inside the content (as {@code {@code new int[] {1}}} has). */
    private static String inlineTags(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int depth = 0;
            int close = open;
            for (; close < text.length(); close++) {
                char c = text.charAt(close);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (close == text.length()) {
                out.append(text, open, text.length());
                break;
            }
            out.append(resolveTag(text.substring(open + 2, close)));
            i = close + 1;
        }
        return out.toString();
    }

    /** "link Foo#bar label" -> "label"; "link Foo#bar" -> "Foo.bar"; "code x" -> "x". */
    private static String resolveTag(String tag) {
        int space = firstSpace(tag, 0);
        if (space < 0) {
            return "";
        }
        String name = tag.substring(0, space);
        String content = tag.substring(space).strip();
        if (!name.startsWith("link") && !name.equals("value")) {
            return content;
        }
        int labelStart = firstSpace(content, 0);
        if (labelStart > 0 && name.startsWith("link")) {
            return content.substring(labelStart).strip();
        }
        String reference = content.startsWith("#") ? content.substring(1) : content;
        return reference.replace('#', '.');
    }

    /** The first whitespace at or after {@code from} that is not inside parentheses, or -1. */
    private static int firstSpace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPackageInfo(Path file) {
        return file.getFileName().toString().equals("package-info.java");
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the sources under " + sources, e);
        }
    }
}
