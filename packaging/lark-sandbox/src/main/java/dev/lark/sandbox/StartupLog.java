package dev.lark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line that explains a failed start in a process log: JVM servers end with a stack trace whose last
 * line ({@code ... 2 more}) says nothing, while the root cause is its last {@code Caused by:} line.
 */
public final class StartupLog {
    private static final Pattern EXCEPTION = Pattern.compile("^[\\w.$]+(Exception|Error)(: .*)?$");

    private StartupLog() {
    }

    /** The most telling line of the latest start (the sandbox marks each start with a {@code ===} line). */
    public static String cause(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log)";
        }
        int from = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("=== ")) {
                from = i + 1;
                break;
            }
        }
        List<String> run = lines.subList(from, lines.size());
        String found = last(run, l -> l.startsWith("Caused by: "));
        if (found == null) {
            found = last(run, l -> EXCEPTION.matcher(l).matches());
        }
        if (found == null) {
            found = last(run, l -> l.contains(" ERROR "));
        }
        if (found == null) {
            found = last(run, l -> !l.isBlank());
        }
        return found == null ? "(empty log)" : found.replaceFirst("^Caused by: ", "").trim();
    }

    private static String last(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.test(lines.get(i))) {
                return lines.get(i);
            }
        }
        return null;
    }
}
