package org.rnnlab.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the OpenBLAS kernels ND4J runs its matrix products with, before ND4J loads OpenBLAS.
 *
 * <p>ND4J 1.0.0-M2.1 ships OpenBLAS 0.3.19, built for every x86-64 CPU at once: at load it reads
 * the CPU's model and picks its kernels, or, when it does not know the model (recent Intel Xeons
 * among them), falls back to its generic SSE3 kernels, several times slower than the AVX2 or
 * AVX-512 ones the CPU has. OpenBLAS reads its choice from the environment variable
 * {@value #VARIABLE} once, when it loads; this class sets that variable in the process itself
 * (through the C library's {@code setenv}, which Java has no call for), so the main job, the tests,
 * {@code exec:java}, a plain {@code java} command and an IDE run all get the same kernels without a
 * shell variable.
 *
 * <p>The choice is the widest kernel family the CPU's own flags (from /proc/cpuinfo) allow:
 * {@code SkylakeX} with AVX-512 (F, CD, BW, DQ, VL), else {@code Haswell} with AVX2 and FMA, else
 * OpenBLAS's own choice. A kernel the CPU lacks is never chosen. What it leaves alone: CPUs whose
 * model OpenBLAS 0.3.19 knows to be served well already (AMD's Zen families 17h and 19h get its
 * "Zen" kernels, which on a Zen 4 reached the same float and double GFLOP/s as SkylakeX's), a
 * {@value #VARIABLE} already set in the environment, other operating systems and processors, and
 * any process that loaded OpenBLAS before (the choice would come too late).
 *
 * <p>The system property {@value #PROPERTY} overrides: {@code default} leaves OpenBLAS's own choice
 * (how the benchmark shows both), a core name ({@code Prescott}, {@code Haswell}, {@code SkylakeX},
 * ...) asks for that one, refused when the CPU lacks its instructions.
 */
public final class BlasKernels {

    /** The environment variable OpenBLAS reads its kernel choice from. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";

    /** System property: {@code default}, or the name of an OpenBLAS core. */
    public static final String PROPERTY = "rnnlab.openblas.coretype";

    /** The value of {@value #PROPERTY} that leaves OpenBLAS's own choice. */
    public static final String DEFAULT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(BlasKernels.class);

    /** OpenBLAS's x86-64 core families rnnlab may choose, and the CPU flags each one needs. */
    enum Core {
        PRESCOTT("Prescott", "sse3"),
        HASWELL("Haswell", "avx2", "fma"),
        SKYLAKEX("SkylakeX", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma");

        private final String openBlasName;
        private final List<String> flags;

        Core(String openBlasName, String... flags) {
            this.openBlasName = openBlasName;
            this.flags = List.of(flags);
        }

        String openBlasName() {
            return openBlasName;
        }

        boolean runsOn(Set<String> cpuFlags) {
            // /proc/cpuinfo calls SSE3 "pni"
            return flags.stream().allMatch(f -> cpuFlags.contains(f) || f.equals("sse3") && cpuFlags.contains("pni"));
        }

        static Optional<Core> named(String name) {
            return Arrays.stream(values()).filter(c -> c.openBlasName.equalsIgnoreCase(name)).findFirst();
        }
    }

    /**
     * The processor, as /proc/cpuinfo describes its first core.
     *
     * @param vendor {@code GenuineIntel}, {@code AuthenticAMD}, ... (empty if not read)
     * @param family the CPU family number (0 if not read)
     * @param flags  its instruction-set flags (empty if not read)
     */
    record Cpu(String vendor, int family, Set<String> flags) {
        static final Cpu UNKNOWN = new Cpu("", 0, Set.of());

        Cpu {
            flags = Set.copyOf(flags);
        }

        /** AMD Zen (families 17h and 19h), whose kernels OpenBLAS 0.3.19 picks itself. */
        boolean knownZen() {
            return vendor.equals("AuthenticAMD") && (family == 0x17 || family == 0x19);
        }
    }

    /** What was decided, for the start-up line: the variable's value (empty: OpenBLAS's own) and why. */
    record Choice(Optional<String> coreType, String reason) {
    }

    private static Choice choice;

    private BlasKernels() {
    }

    /**
     * Sets {@value #VARIABLE} for this process if it should be, once; must run before ND4J first
     * loads (see {@link Backend#configureJavaCpp()}).
     *
     * @throws IllegalArgumentException when {@value #PROPERTY} names a core that is unknown or that
     *                                  this CPU cannot run
     */
    public static synchronized void select() {
        if (choice != null) {
            return;
        }
        Choice decided = decide(System.getProperty(PROPERTY), System.getenv(VARIABLE), System.getProperty("os.name"),
                System.getProperty("os.arch"), cpu());
        if (decided.coreType().isPresent() && !setEnvironment(decided.coreType().get())) {
            decided = new Choice(Optional.empty(), "OpenBLAS's own choice: " + VARIABLE + " could not be set");
        }
        choice = decided;
    }

    /**
     * The kernels this process runs OpenBLAS with, as {@value #VARIABLE} names them: the one rnnlab
     * set, or the environment's; empty for OpenBLAS's own choice (or before {@link #select()}).
     */
    public static synchronized Optional<String> coreType() {
        String variable = System.getenv(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(variable);
        }
        return choice == null ? Optional.empty() : choice.coreType();
    }

    /** The reason given for the choice made, for the start-up line; empty before {@link #select()}. */
    static synchronized String reason() {
        return choice == null ? "" : choice.reason();
    }

    /**
     * The choice for a process with these settings, CPU and environment.
     *
     * @param property  the value of {@value #PROPERTY}, or null
     * @param variable  the value of {@value #VARIABLE} in the environment, or null
     * @param cpu       the processor ({@link Cpu#UNKNOWN} where /proc/cpuinfo cannot be read)
     */
    static Choice decide(String property, String variable, String osName, String osArch, Cpu cpu) {
        Set<String> cpuFlags = cpu.flags();
        if (variable != null && !variable.isBlank()) {
            return new Choice(Optional.empty(), "set by " + VARIABLE + "=" + variable + " in the environment");
        }
        if (property != null && property.strip().equalsIgnoreCase(DEFAULT)) {
            return new Choice(Optional.empty(), "OpenBLAS's own choice, as -D" + PROPERTY + "=" + DEFAULT + " asks");
        }
        boolean linuxX86 = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && ("amd64".equals(osArch) || "x86_64".equals(osArch));
        if (property != null && !property.isBlank()) {
            Core asked = Core.named(property.strip()).orElseThrow(() -> new IllegalArgumentException("-D" + PROPERTY
                    + "=" + property + " is not a core rnnlab chooses; use " + DEFAULT + ", "
                    + String.join(", ", Arrays.stream(Core.values()).map(Core::openBlasName).toList())));
            if (!linuxX86 || !asked.runsOn(cpuFlags)) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + ": this CPU cannot run "
                        + asked.openBlasName() + " kernels (they need " + String.join(", ", asked.flags)
                        + "); use " + DEFAULT + " or a core its flags allow");
            }
            return new Choice(Optional.of(asked.openBlasName()), "asked for with -D" + PROPERTY);
        }
        if (!linuxX86 || cpuFlags.isEmpty()) {
            return new Choice(Optional.empty(), "OpenBLAS's own choice: no CPU flags read on " + osName + " "
                    + osArch);
        }
        if (cpu.knownZen()) {
            return new Choice(Optional.empty(), "OpenBLAS's own choice: it knows this AMD Zen CPU (family "
                    + Integer.toHexString(cpu.family()) + "h)");
        }
        for (Core core : List.of(Core.SKYLAKEX, Core.HASWELL)) {
            if (core.runsOn(cpuFlags)) {
                return new Choice(Optional.of(core.openBlasName()), "the widest this CPU's flags allow; -D"
                        + PROPERTY + "=" + DEFAULT + " leaves OpenBLAS's own choice");
            }
        }
        return new Choice(Optional.empty(), "OpenBLAS's own choice: no AVX2 on this CPU");
    }

    /** The first processor of /proc/cpuinfo; {@link Cpu#UNKNOWN} where there is no such file. */
    static Cpu cpu() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Cpu.UNKNOWN;
        }
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            String vendor = field(lines, "vendor_id").orElse("");
            int family = field(lines, "cpu family").map(Integer::parseInt).orElse(0);
            Set<String> flags = field(lines, "flags")
                    .map(text -> Set.copyOf(Arrays.asList(text.split("\\s+")))).orElse(Set.of());
            return new Cpu(vendor, family, flags);
        } catch (IOException | RuntimeException e) {
            return Cpu.UNKNOWN;
        }
    }

    /** The value of the first line {@code name : value}. */
    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream()
                .filter(line -> line.startsWith(name) && line.indexOf(':') > 0
                        && line.substring(0, line.indexOf(':')).strip().equals(name))
                .findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip());
    }

    /** The C library's setenv, which OpenBLAS's getenv reads (Java's own environment map cannot change). */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static boolean setEnvironment(String coreType) {
        try {
            CLibrary c = Native.loadLibrary("c", CLibrary.class);
            if (c.setenv(VARIABLE, coreType, 1) == 0) {
                return true;
            }
            LOG.warn("could not set {}={} for OpenBLAS; it keeps its own kernel choice", VARIABLE, coreType);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("could not set {}={} for OpenBLAS ({}); it keeps its own kernel choice", VARIABLE, coreType,
                    e.toString());
        }
        return false;
    }

    /**
     * The name of the kernels the loaded OpenBLAS runs ({@code openblas_get_corename}), asked of the
     * library JavaCPP loaded for ND4J; empty if it is not loaded or cannot be asked.
     */
    static Optional<String> loadedCoreName() {
        try {
            for (String path : Loader.getLoadedLibraries().values()) {
                if (path != null && Path.of(path).getFileName().toString().startsWith("libopenblas")) {
                    Function function = NativeLibrary.getInstance(path).getFunction("openblas_get_corename");
                    return Optional.ofNullable(function.invokeString(new Object[0], false));
                }
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("could not ask OpenBLAS for its kernels: {}", e.toString());
        }
        return Optional.empty();
    }
}
