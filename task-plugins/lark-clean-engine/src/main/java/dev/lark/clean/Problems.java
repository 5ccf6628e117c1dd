package dev.lark.clean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects config problems during validation/compilation. */
final class Problems {
    final List<ConfigProblem> list = new ArrayList<>();

    void error(String code, String label, String message, String fix) {
        list.add(new ConfigProblem(ConfigProblem.Severity.ERROR, code, label, message, fix));
    }

    void warning(String code, String label, String message, String fix) {
        list.add(new ConfigProblem(ConfigProblem.Severity.WARNING, code, label, message, fix));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
    }

    static String didYouMean(String word, Collection<String> options) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String o : options) {
            int d = distance(word.toLowerCase(), o);
            if (d < bestD) {
                bestD = d;
                best = o;
            }
        }
        return best != null && bestD <= Math.max(2, word.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
