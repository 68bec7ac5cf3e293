package ai.carbonbench.core.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Finds the valid ids closest to a mistyped one, for "did you mean" messages. */
final class Suggestions {

    private static final int MAX = 5;

    private Suggestions() {
    }

    /** Lower case, spaces and underscores as dashes: {@code "Llama 3.1 70B"} becomes {@code "llama-3.1-70b"}. */
    static String normalize(String id) {
        if (isNormal(id)) {
            return id; // the common case on hot paths: an id as the catalog spells it
        }
        return SEPARATORS.matcher(id.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s_]+");

    private static boolean isNormal(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isUpperCase(c) || Character.isWhitespace(c) || c == '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * The closest ids to {@code wanted}. {@code names} maps every accepted name (ids and aliases,
     * normalized) to the id it stands for.
     */
    static List<String> closest(String wanted, Map<String, String> names) {
        String w = normalize(wanted);
        record Candidate(String id, int distance) {
        }
        int limit = Math.max(3, w.length() / 2);
        Set<String> out = new LinkedHashSet<>();
        names.entrySet().stream()
                .map(e -> new Candidate(e.getValue(), score(w, e.getKey())))
                .filter(c -> c.distance <= limit)
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::id))
                .forEach(c -> {
                    if (out.size() < MAX) {
                        out.add(c.id);
                    }
                });
        return List.copyOf(out);
    }

    static List<String> closest(String wanted, Collection<String> ids) {
        Map<String, String> names = new java.util.HashMap<>();
        ids.forEach(id -> names.put(normalize(id), id));
        return closest(wanted, names);
    }

    /** Edit distance, with a bonus when one name contains the other ({@code 70b} finds {@code llama-3.1-70b}). */
    private static int score(String wanted, String name) {
        int d = levenshtein(wanted, name);
        if (wanted.length() >= 3 && (name.contains(wanted) || wanted.contains(name))) {
            d = Math.min(d, Math.abs(name.length() - wanted.length()) / 4 + 1);
        }
        return d;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
