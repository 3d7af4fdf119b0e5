package org.rnnlab.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.rnnlab.dl4j.Backend;

/**
 * Applies rnnlab's native settings (JavaCPP's memory check, OpenBLAS's kernels) when a test session
 * opens, before any test class can load ND4J: they are read once, at load, so the first test class
 * to touch ND4J would otherwise decide them for every test in the JVM. Registered through
 * META-INF/services, so Maven and IDE runs alike get it.
 */
public final class NativeSettingsFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Backend.configureJavaCpp();
    }
}
