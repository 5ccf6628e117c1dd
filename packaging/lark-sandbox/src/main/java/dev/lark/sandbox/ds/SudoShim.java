package dev.lark.sandbox.ds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * DS 3.1.1's worker cancels a shell-based task with {@code sudo -u <tenant> kill <pid>} even when
 * {@code sudo.enable=false} ({@code AbstractCommandExecutor.softKill/hardKill}). Without sudo the kill fails, the
 * task is reported KILL and its process keeps running. The sandbox runs tasks as the current user, so this
 * {@code sudo} on the server's PATH runs a command for that same user directly and hands anything else to the real
 * sudo.
 */
final class SudoShim {
    private static final String SCRIPT = "#!/bin/sh\n"
            + "# Lark sandbox: DS 3.1.1 kills tasks with 'sudo -u <tenant> kill <pid>' even with sudo.enable=false.\n"
            + "# For the user the server runs as, run the command directly; anything else goes to the real sudo.\n"
            + "if [ \"$1\" = \"-u\" ] && [ \"$2\" = \"$(id -un)\" ]; then shift 2; exec \"$@\"; fi\n"
            + "here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
            + "PATH=$(printf '%s' \"$PATH\" | sed \"s#^$here:##\") exec sudo \"$@\"\n";

    private SudoShim() {
    }

    /** Writes {@code <run>/bin/sudo}; returns the directory to put first on the server's PATH. */
    static Path write(Path runDir) throws IOException {
        Path bin = Files.createDirectories(runDir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
