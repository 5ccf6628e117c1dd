package dev.lark.sandbox;

import java.nio.file.Path;

/** A component could not be installed or started. The message is one line: component, cause, log file. */
public class SandboxException extends RuntimeException {
    private final String component;
    private final Path logFile;

    public SandboxException(String component, String cause, Path logFile) {
        super(component + ": " + cause + (logFile == null ? "" : " (log: " + logFile + ")"));
        this.component = component;
        this.logFile = logFile;
    }

    public SandboxException(String component, String cause, Path logFile, Throwable reason) {
        this(component, cause, logFile);
        initCause(reason);
    }

    public String component() {
        return component;
    }

    public Path logFile() {
        return logFile;
    }
}
