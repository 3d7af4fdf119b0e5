package org.rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which OpenBLAS kernels rnnlab asks for: never one the CPU lacks, and never against the user's own choice. */
class BlasKernelsTest {

    private static final Set<String> SAPPHIRE_RAPIDS = Set.of("sse3", "pni", "ssse3", "avx", "avx2", "fma", "avx512f",
            "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_fp16", "amx_tile");
    private static final Set<String> HASWELL_LIKE = Set.of("pni", "ssse3", "avx", "avx2", "fma");
    private static final Set<String> OLD = Set.of("pni", "ssse3", "sse4_1", "sse4_2");

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static BlasKernels.Cpu intel(Set<String> flags) {
        return new BlasKernels.Cpu("GenuineIntel", 6, flags);
    }

    private static Optional<String> auto(Set<String> flags) {
        return BlasKernels.decide(null, null, "Linux", "amd64", intel(flags)).coreType();
    }

    @Test
    void theWidestKernelsTheFlagsAllowAreChosen() {
        assertEquals(Optional.of("SkylakeX"), auto(SAPPHIRE_RAPIDS));
        assertEquals(Optional.of("Haswell"), auto(HASWELL_LIKE));
        assertEquals(Optional.empty(), auto(OLD), "OpenBLAS's own choice below AVX2");
        Set<String> noBw = Set.of("pni", "avx2", "fma", "avx512f", "avx512cd", "avx512dq", "avx512vl");
        assertEquals(Optional.of("Haswell"), auto(noBw), "SkylakeX kernels need AVX-512 BW too");
    }

    @Test
    void amdZenIsLeftToOpenBlasWhichKnowsIt() {
        Set<String> zen4 = Set.of("pni", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
        BlasKernels.Choice zen = BlasKernels.decide(null, null, "Linux", "amd64",
                new BlasKernels.Cpu("AuthenticAMD", 0x19, zen4));
        assertEquals(Optional.empty(), zen.coreType());
        assertTrue(zen.reason().contains("AMD Zen") && zen.reason().contains("19h"), zen.reason());
        assertEquals(Optional.of("SkylakeX"), BlasKernels.decide("SkylakeX", null, "Linux", "amd64",
                new BlasKernels.Cpu("AuthenticAMD", 0x19, zen4)).coreType(), "asked for, it is used");
        assertEquals(Optional.of("Haswell"), BlasKernels.decide(null, null, "Linux", "amd64",
                new BlasKernels.Cpu("AuthenticAMD", 0x1A, HASWELL_LIKE)).coreType(), "a family it does not know");
    }

    @Test
    void anEnvironmentVariableOrTheDefaultPropertyLeavesOpenBlasAlone() {
        BlasKernels.Choice fromShell = BlasKernels.decide(null, "Haswell", "Linux", "amd64",
                intel(SAPPHIRE_RAPIDS));
        assertEquals(Optional.empty(), fromShell.coreType());
        assertTrue(fromShell.reason().contains("OPENBLAS_CORETYPE=Haswell"), fromShell.reason());
        BlasKernels.Choice off = BlasKernels.decide("default", null, "Linux", "amd64", intel(SAPPHIRE_RAPIDS));
        assertEquals(Optional.empty(), off.coreType());
        assertTrue(off.reason().contains("own choice"), off.reason());
    }

    @Test
    void otherSystemsAndUnreadableFlagsAreLeftAlone() {
        assertEquals(Optional.empty(), BlasKernels.decide(null, null, "Mac OS X", "aarch64", BlasKernels.Cpu.UNKNOWN)
                .coreType());
        assertEquals(Optional.empty(), BlasKernels.decide(null, null, "Windows 11", "amd64", intel(SAPPHIRE_RAPIDS))
                .coreType());
        assertEquals(Optional.empty(), BlasKernels.decide(null, null, "Linux", "amd64", BlasKernels.Cpu.UNKNOWN)
                .coreType());
    }

    @Test
    void anAskedForCoreIsUsedOnlyWhenTheCpuHasItsInstructions() {
        assertEquals(Optional.of("Prescott"), BlasKernels.decide("prescott", null, "Linux", "amd64", intel(OLD))
                .coreType());
        assertEquals(Optional.of("Haswell"), BlasKernels.decide("Haswell", null, "Linux", "amd64",
                intel(SAPPHIRE_RAPIDS)).coreType());
        IllegalArgumentException lacking = assertThrows(IllegalArgumentException.class,
                () -> BlasKernels.decide("SkylakeX", null, "Linux", "amd64", intel(HASWELL_LIKE)));
        assertTrue(lacking.getMessage().contains("cannot run SkylakeX") && lacking.getMessage().contains("avx512bw"),
                lacking.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BlasKernels.decide("Pentium", null, "Linux", "amd64", intel(HASWELL_LIKE)));
        assertTrue(unknown.getMessage().contains("-Drnnlab.openblas.coretype=Pentium")
                && unknown.getMessage().contains("default, Prescott, Haswell, SkylakeX"), unknown.getMessage());
    }

    @Test
    void thisProcessRunsTheKernelsItsChoiceNamed() {
        BlasKernels.Cpu cpu = BlasKernels.cpu();
        Optional<String> loaded = BlasKernels.loadedCoreName();
        assertTrue(loaded.isPresent(), "OpenBLAS answers which kernels it runs");
        String variable = System.getenv(BlasKernels.VARIABLE);
        Optional<String> expected = variable != null ? Optional.of(variable)
                : BlasKernels.decide(System.getProperty(BlasKernels.PROPERTY), null, System.getProperty("os.name"),
                        System.getProperty("os.arch"), cpu).coreType();
        expected.ifPresent(core -> assertEquals(core.toLowerCase(), loaded.get().toLowerCase(),
                "OpenBLAS loaded after the choice was made"));
    }
}
