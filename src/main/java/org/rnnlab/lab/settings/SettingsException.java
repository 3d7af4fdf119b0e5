package org.rnnlab.lab.settings;

/** A settings file that cannot be used, with a message naming the file, key, value and what is allowed. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
