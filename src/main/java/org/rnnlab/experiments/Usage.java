package org.rnnlab.experiments;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.rnnlab.data.files.Snippet;
import org.rnnlab.lab.training.Failure;

/**
 * A runnable class's command line, declared once in the class as {@code static final Usage USAGE}:
 * what the class does, how it is called, its arguments and options with one line of meaning each,
 * the settings files it uses when given none, the shared options it does not take and why, and
 * its exit statuses. The same declaration reads the arguments, so that an option the usage text
 * does not name is refused, and writes the text: on standard output for {@code --help} or
 * {@code -h} (status {@value Experiments#OK}), on standard error after bad arguments (status
 * {@value Experiments#BAD_ARGUMENTS}).
 *
 * <p>An option is declared by its form as the text shows it: {@code --dl4j} is a flag,
 * {@code --seeds N} takes the next argument as its value, {@code --only=TEXT} takes the text after
 * the '='. Options may come before, between and after the operands.
 */
final class Usage {

    /** The characters of a line of the usage text, at most (a longer word overruns it). */
    static final int WIDTH = 100;

    static final String HELP = "--help";
    static final String HELP_SHORT = "-h";

    private static final String PACKAGE = Usage.class.getPackageName();

    /** A space that does not break a line, while the text is wrapped. */
    private static final char NO_BREAK = '\u00a0';

    /** What an option's value or an operand must be; paths are checked as the arguments are read. */
    enum Value {
        /** Any text that does not start with "--" (which would be the next option, the value forgotten). */
        TEXT(null),
        /** Any text, one starting with '-' included. */
        ANY_TEXT(null),
        /** A settings file that is there. */
        SETTINGS_FILE("settings file"),
        /** A folder that is there. */
        RUN_FOLDER("run folder"),
        /** A file or a folder that is there. */
        INPUT("input");

        private final String noun;

        Value(String noun) {
            this.noun = noun;
        }

        /** Checks {@code text} as a value of this kind; {@code option} names the option it follows, or null. */
        void check(String option, String text) {
            String prefix = option == null ? "" : option + " ";
            if (text.isEmpty() || (this != ANY_TEXT && text.isBlank())) {
                throw new BadArguments(option == null ? "an empty argument" : option + " has an empty value");
            }
            if (noun == null) {
                return;
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new BadArguments(prefix + "'" + Snippet.of(text) + "' is not a path: " + e.getReason());
            }
            if (!Files.exists(path)) {
                throw new BadArguments(prefix + noun + " " + Snippet.of(text) + " not found (absolute: "
                        + Snippet.of(path.toAbsolutePath().toString()) + ")");
            }
            if (this == SETTINGS_FILE && Files.isDirectory(path)) {
                throw new BadArguments(prefix + noun + " " + Snippet.of(text) + " is a directory, expected a file");
            }
            if (this == RUN_FOLDER && !Files.isDirectory(path)) {
                throw new BadArguments(prefix + noun + " " + Snippet.of(text) + " is a file, expected a folder");
            }
        }
    }

    /**
     * One option.
     *
     * @param form    as the text shows it, e.g. {@code --seeds N}
     * @param key     what the argument is matched by: {@code --seeds}, or {@code --only=} for an attached value
     * @param value   what its value must be, or null for a flag
     * @param meaning one line
     */
    record Option(String form, String key, Value value, String meaning) {

        static Option of(String form, Value value, String meaning) {
            int space = form.indexOf(' ');
            int equals = form.indexOf('=');
            if (equals > 0 && (space < 0 || equals < space)) {
                return new Option(form, form.substring(0, equals + 1), value, meaning);
            }
            return new Option(form, space < 0 ? form : form.substring(0, space), space < 0 ? null : value, meaning);
        }

        boolean attached() {
            return key.endsWith("=");
        }

        boolean takesNext() {
            return value != null && !attached();
        }

        boolean matches(String arg) {
            return attached() ? arg.startsWith(key) : arg.equals(key);
        }
    }

    /**
     * The arguments that are not options.
     *
     * @param form    as the text shows it, e.g. {@code SETTINGS_FILE...}
     * @param value   what each must be
     * @param min     how many at least
     * @param max     how many at most
     * @param meaning one line
     */
    record Operands(String form, Value value, int min, int max, String meaning) {

        String name() {
            return form.endsWith("...") ? form.substring(0, form.length() - 3) : form;
        }
    }

    private final Class<?> program;
    private final String who;
    private final String purpose;
    private final List<String> synopses;
    private final Operands operands;
    private final List<Option> options;
    private final List<Path> defaults;
    private final Map<String, String> refused;
    private final List<String> notes;
    private final Map<Integer, String> statuses;

    private Usage(Builder b) {
        this.program = b.program;
        this.who = b.who;
        this.purpose = b.purpose;
        this.synopses = List.copyOf(b.synopses);
        this.operands = b.operands;
        this.options = List.copyOf(b.options);
        this.defaults = List.copyOf(b.defaults);
        this.refused = Collections.unmodifiableMap(new LinkedHashMap<>(b.refused));
        this.notes = List.copyOf(b.notes);
        this.statuses = new TreeMap<>(b.statuses);
    }

    /**
     * Starts the declaration of {@code program}'s usage.
     *
     * @param who     how its messages start, e.g. "rnnlab"
     * @param purpose what it does, in one sentence
     */
    static Builder of(Class<?> program, String who, String purpose) {
        return new Builder(program, who, purpose);
    }

    /** The runnable class's simple name. */
    String name() {
        return program.getSimpleName();
    }

    String who() {
        return who;
    }

    List<Option> options() {
        return options;
    }

    /** The operands, or null when it takes none. */
    Operands operands() {
        return operands;
    }

    List<Path> defaults() {
        return defaults;
    }

    /** The shared options it does not take, each with the reason. */
    Map<String, String> refused() {
        return refused;
    }

    Map<Integer, String> statuses() {
        return statuses;
    }

    /** Whether it takes the option matched by {@code key}. */
    boolean takes(String key) {
        return options.stream().anyMatch(option -> option.key().equals(key));
    }

    /** A program's work once its arguments are read; it returns the exit status. */
    interface Program {
        int run(Parsed arguments) throws Exception;
    }

    /**
     * The entry logic around {@code program}: {@code --help} or {@code -h} prints the usage text
     * on standard output and returns {@value Experiments#OK}; arguments this usage does not allow,
     * or that {@code program} finds bad ({@link BadArguments}), print the message and the usage text
     * on standard error and return {@value Experiments#BAD_ARGUMENTS}; any other failure is reported
     * as {@link Experiments#guarded} reports it.
     */
    int run(String[] args, Invocation io, Program program) {
        if (asksForHelp(args)) {
            io.out().print(text());
            io.out().flush();
            return Experiments.OK;
        }
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (BadArguments e) {
            return refuse(io, e);
        }
        return Experiments.guarded(who, io, () -> {
            try {
                return program.run(parsed);
            } catch (BadArguments e) {
                return refuse(io, e);
            }
        });
    }

    /** Prints the message and the usage text on standard error; returns {@value Experiments#BAD_ARGUMENTS}. */
    int refuse(Invocation io, BadArguments e) {
        if (Failure.debug()) {
            e.printStackTrace(io.err());
        }
        io.err().println(who + ": " + Failure.describe(e));
        io.err().println();
        io.err().print(text());
        io.err().flush();
        return Experiments.BAD_ARGUMENTS;
    }

    /** Whether {@code -h} or {@code --help} is among the arguments, other than as an option's value. */
    boolean asksForHelp(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(HELP) || args[i].equals(HELP_SHORT)) {
                return true;
            }
            Optional<Option> option = option(args[i]);
            if (option.isPresent() && option.get().takesNext()) {
                i++;
            }
        }
        return false;
    }

    private Optional<Option> option(String arg) {
        return options.stream().filter(option -> option.matches(arg)).findFirst();
    }

    /**
     * Reads the arguments: every option this usage declares, with its value checked as declared,
     * and the operands, counted and checked.
     *
     * @throws BadArguments naming the first argument that is not allowed and why
     */
    Parsed parse(String[] args) {
        List<Map.Entry<String, String>> given = new ArrayList<>();
        List<String> operandsGiven = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                (operands == null ? Value.TEXT : operands.value()).check(null, arg);
                operandsGiven.add(arg);
                continue;
            }
            Optional<Option> found = option(arg);
            if (found.isEmpty()) {
                throw new BadArguments(unknown(arg));
            }
            Option option = found.get();
            String value = null;
            if (option.attached()) {
                value = arg.substring(option.key().length());
                if (value.isBlank()) {
                    throw new BadArguments(option.key().substring(0, option.key().length() - 1)
                            + " needs a value after the '=': " + option.form());
                }
            } else if (option.takesNext()) {
                boolean missing = i + 1 >= args.length || args[i + 1].isEmpty() || (option.value() != Value.ANY_TEXT
                        && (args[i + 1].isBlank() || args[i + 1].startsWith("--")));
                if (missing) {
                    throw new BadArguments(option.key() + " needs a value: " + option.form());
                }
                value = args[++i];
            }
            if (value != null) {
                option.value().check(option.key(), value);
            }
            given.add(Map.entry(option.key(), value == null ? "" : value));
        }
        if (operands == null && !operandsGiven.isEmpty()) {
            throw new BadArguments("unexpected argument '" + Snippet.of(operandsGiven.get(0)) + "': " + name()
                    + " takes options only");
        }
        if (operands != null && operandsGiven.size() < operands.min()) {
            throw new BadArguments("no " + operands.name() + " given");
        }
        if (operands != null && operandsGiven.size() > operands.max()) {
            throw new BadArguments(operandsGiven.size() + " " + operands.name() + " arguments given ("
                    + operandsGiven.stream().map(a -> "'" + Snippet.of(a) + "'").collect(Collectors.joining(", "))
                    + "); " + name() + " takes " + (operands.max() == 1 ? "one" : "at most " + operands.max()));
        }
        return new Parsed(given, operandsGiven);
    }

    private String unknown(String arg) {
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            if (arg.equals(entry.getKey()) || arg.startsWith(entry.getKey() + "=")) {
                return name() + " does not take " + entry.getKey() + ": " + entry.getValue() + "; the classes that"
                        + " train settings files take it: " + trainers();
            }
        }
        String text = "unknown option '" + Snippet.of(arg) + "'";
        if (arg.startsWith("-D")) {
            return text + "; a Java system property goes before the class name: java " + Snippet.of(arg) + " ... "
                    + program.getName() + ", or mvn " + Snippet.of(arg) + " ... exec:java";
        }
        if (arg.startsWith("--") && arg.contains("=") && option(arg.substring(0, arg.indexOf('='))).isPresent()) {
            return text + "; give " + arg.substring(0, arg.indexOf('=')) + " its value as the next argument";
        }
        return text;
    }

    /** The classes that train settings files, by simple name. */
    private static String trainers() {
        return Experiments.TRAINERS.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    /** The usage text, ending in a line break. */
    String text() {
        int column = 2 + "-h, --help".length();
        for (Option option : options) {
            column = Math.max(column, 2 + option.form().length());
        }
        for (String key : refused.keySet()) {
            column = Math.max(column, 2 + key.length());
        }
        if (operands != null) {
            column = Math.max(column, 2 + operands.form().length());
        }
        column += 2;

        String n = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < synopses.size(); i++) {
            // an optional part in brackets stays on one line
            StringBuilder synopsis = new StringBuilder();
            int depth = 0;
            for (char c : synopses.get(i).toCharArray()) {
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                synopsis.append(c == ' ' && depth > 0 ? NO_BREAK : c);
            }
            StringBuilder lines = new StringBuilder();
            wrap(lines, i == 0 ? "Usage:" : "", "java ... " + program.getName() + " " + synopsis, 7, 11);
            text.append(lines.toString().replace(NO_BREAK, ' '));
        }
        text.append("With Maven, from the project root: mvn -q compile exec:java -Dexec.mainClass=")
                .append(program.getName()).append(" -Dexec.args=\"ARGUMENTS\"").append(n).append(n);
        wrap(text, "", purpose, 0);
        for (String note : notes) {
            text.append(n);
            wrap(text, "", note, 0);
        }
        if (operands != null) {
            text.append(n).append("Arguments:").append(n);
            wrap(text, "  " + operands.form(), operands.meaning(), column);
        }
        if (!defaults.isEmpty()) {
            text.append(n).append("Settings files used when none is named:").append(n);
            for (Path file : defaults) {
                text.append("  ").append(file.toString().replace('\\', '/')).append(n);
            }
        }
        text.append(n).append("Options:").append(n);
        for (Option option : options) {
            wrap(text, "  " + option.form(), option.meaning(), column);
        }
        wrap(text, "  " + HELP_SHORT + ", " + HELP, "print this text and exit", column);
        if (!refused.isEmpty()) {
            text.append(n);
            wrap(text, "", "Not taken here (the classes that train settings files take them: " + trainers() + "):", 0);
            for (Map.Entry<String, String> entry : refused.entrySet()) {
                wrap(text, "  " + entry.getKey(), entry.getValue(), column);
            }
        }
        text.append(n);
        wrap(text, "", "Java system properties go before the class name (java -Dname=value ... " + program.getName()
                + ", or mvn -Dname=value ...), e.g. -D" + Failure.DEBUG_PROPERTY
                + "=true to add the stack trace to a failure's message.", 0);
        text.append(n).append("Exit status:").append(n);
        for (Map.Entry<Integer, String> status : statuses.entrySet()) {
            wrap(text, "  " + status.getKey(), status.getValue(), 8);
        }
        return text.toString();
    }

    /** Appends {@code first}, padded to {@code column}, then {@code words} wrapped at {@link #WIDTH}. */
    private static void wrap(StringBuilder text, String first, String words, int column) {
        wrap(text, first, words, column, column);
    }

    /** As {@link #wrap(StringBuilder, String, String, int)}, the lines after the first indented by {@code hang}. */
    private static void wrap(StringBuilder text, String first, String words, int column, int hang) {
        String n = System.lineSeparator();
        StringBuilder line = new StringBuilder(first);
        if (line.length() >= column && column > 0) {
            text.append(line).append(n);
            line.setLength(0);
        }
        line.append(" ".repeat(column - line.length()));
        boolean empty = true;
        for (String word : words.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append(n);
                line.setLength(0);
                line.append(" ".repeat(hang));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        text.append(line).append(n);
    }

    /** The arguments as read: the options given, in order, and the operands. */
    final class Parsed {

        private final List<Map.Entry<String, String>> given;
        private final List<String> operandsGiven;

        private Parsed(List<Map.Entry<String, String>> given, List<String> operandsGiven) {
            this.given = List.copyOf(given);
            this.operandsGiven = List.copyOf(operandsGiven);
        }

        /** Whether the option matched by {@code key} was given. */
        boolean has(String key) {
            String declared = declared(key);
            return given.stream().anyMatch(entry -> entry.getKey().equals(declared));
        }

        /** The value of the option matched by {@code key} given last, if it was given. */
        Optional<String> value(String key) {
            List<String> values = values(key);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }

        /** Every value given to the option matched by {@code key}, in order. */
        List<String> values(String key) {
            String declared = declared(key);
            return given.stream().filter(entry -> entry.getKey().equals(declared) && !entry.getValue().isEmpty())
                    .map(Map.Entry::getValue).toList();
        }

        /** The operands, in order. */
        List<String> operands() {
            return operandsGiven;
        }

        /** The operands as files, or the usage's default settings files when none was given. */
        List<Path> files() {
            return operandsGiven.isEmpty() ? defaults : operandsGiven.stream().map(Path::of).toList();
        }

        /** The whole number of at least 1 given to {@code key}, or {@code orElse}. */
        int positive(String key, int orElse) {
            return value(key).map(text -> Usage.positive(key, text)).orElse(orElse);
        }

        /** The whole number given to {@code key}, or {@code orElse}. */
        long whole(String key, long orElse) {
            return value(key).map(text -> Usage.whole(key, text)).orElse(orElse);
        }

        private String declared(String key) {
            if (!takes(key)) {
                throw new IllegalStateException(name() + " reads " + key + ", which its usage does not declare");
            }
            return key;
        }
    }

    /** {@code text} as a whole number of at least 1 (and at most {@link Integer#MAX_VALUE}). */
    static int positive(String option, String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new BadArguments(option + " needs a whole number of at least 1, got '" + Snippet.of(text) + "'");
    }

    /** {@code text} as a whole number. */
    static long whole(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadArguments(option + " needs a whole number, got '" + Snippet.of(text) + "'");
        }
    }

    /** A usage declaration under way. */
    static final class Builder {

        private final Class<?> program;
        private final String who;
        private final String purpose;
        private final List<String> synopses = new ArrayList<>();
        private Operands operands;
        private final List<Option> options = new ArrayList<>();
        private final List<Path> defaults = new ArrayList<>();
        private final Map<String, String> refused = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<Integer, String> statuses = new TreeMap<>();

        private Builder(Class<?> program, String who, String purpose) {
            if (!program.getPackageName().equals(PACKAGE)) {
                throw new IllegalArgumentException(program + " is not a runnable class of " + PACKAGE);
            }
            this.program = program;
            this.who = who;
            this.purpose = purpose;
            statuses.put(Experiments.OK, "done");
            statuses.put(Experiments.FAILED, "failed: the message on standard error says what failed, where, and"
                    + " what to do");
            statuses.put(Experiments.BAD_ARGUMENTS, "bad arguments: the message and this text on standard error;"
                    + " nothing was done");
            statuses.put(Signals.SIGINT_STATUS, "stopped by Ctrl-C (SIGINT)");
            statuses.put(Signals.SIGTERM_STATUS, "stopped by SIGTERM");
        }

        /** A way to call it: what follows the class name, e.g. {@code [options] [SETTINGS_FILE...]}. */
        Builder synopsis(String synopsis) {
            synopses.add(synopsis);
            return this;
        }

        /** The arguments that are not options: at least {@code min}, at most {@code max}. */
        Builder operands(String form, Value value, int min, int max, String meaning) {
            operands = new Operands(form, value, min, max, meaning);
            return this;
        }

        /** A flag, or an option whose value is any text that does not start with "--". */
        Builder option(String form, String meaning) {
            return option(form, Value.TEXT, meaning);
        }

        Builder option(String form, Value value, String meaning) {
            Option option = Option.of(form, value, meaning);
            if (option.key().equals(HELP) || option.key().equals(HELP_SHORT) || !option.key().startsWith("--")) {
                throw new IllegalArgumentException("option " + form + " cannot be declared");
            }
            options.add(option);
            return this;
        }

        /** The settings files used when no operand is given. */
        Builder defaults(List<Path> files) {
            defaults.addAll(files);
            return this;
        }

        /** A shared option ({@link Experiments#UI}, {@link Experiments#RESUME}) it does not take, and why. */
        Builder refuses(String option, String why) {
            refused.put(option, why);
            return this;
        }

        /** A paragraph after the purpose. */
        Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** What exit status {@code status} means here, replacing the shared meaning if it has one. */
        Builder status(int status, String meaning) {
            statuses.put(status, meaning);
            return this;
        }

        Usage build() {
            if (synopses.isEmpty()) {
                synopses.add((options.isEmpty() ? "" : "[options]") + (operands == null ? ""
                        : (options.isEmpty() ? "" : " ") + (operands.min() == 0 ? "[" + operands.form() + "]"
                        : operands.form())));
            }
            return new Usage(this);
        }
    }
}
