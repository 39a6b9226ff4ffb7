package org.journeyexplorer.privacy;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a text mentions an id as a whole token: {@code u1} is found in {@code "u1,login"} but not in
 * {@code "u10,login"}, so deleting person {@code u1} does not touch rows of {@code u10}. A token boundary is
 * any character other than a letter, a digit, {@code -} or {@code _}. Short numeric ids still match numbers
 * that happen to be equal (line counts, import numbers); callers report such mentions rather than hide them.
 */
final class IdText {
    private IdText() {
    }

    /** A test for texts that mention any of the ids (empty ids are ignored). */
    static Predicate<String> mentionsAny(Collection<String> ids) {
        List<String> needles = ids.stream().filter(s -> s != null && !s.isEmpty()).distinct().toList();
        return text -> {
            for (String id : needles) {
                if (mentions(text, id)) {
                    return true;
                }
            }
            return false;
        };
    }

    static boolean mentions(String text, String id) {
        int from = 0;
        while (true) {
            int i = text.indexOf(id, from);
            if (i < 0) {
                return false;
            }
            int end = i + id.length();
            if ((i == 0 || boundary(text.charAt(i - 1))) && (end == text.length() || boundary(text.charAt(end)))) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean boundary(char c) {
        return !(Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
