package org.journeyexplorer.ingest;

/** Small helpers on cell values shared by the readers: what counts as missing, JSON string escaping. */
final class Values {
    private Values() {
    }

    /** Empty, blank, or one of the usual spellings of "no value" ({@code NA}, {@code null}, {@code NULL}, …). */
    static boolean isMissing(String v) {
        if (v == null) {
            return true;
        }
        int n = v.length();
        if (n == 0) {
            return true;
        }
        if (n <= 4) {
            switch (v) {
                case "NA", "N/A", "n/a", "null", "NULL", "Null", "None", "nil", "NaN", "nan":
                    return true;
                default:
                    break;
            }
        }
        return v.isBlank();
    }

    /**
     * The spellings of "not available" that are also plausible ids (the Sepsis log has a patient called
     * {@code NA}): an id column keeps them unless the row is identified otherwise.
     */
    static boolean isWeakMissing(String v) {
        return v != null && v.length() <= 3 && (v.equals("NA") || v.equals("N/A") || v.equals("n/a"));
    }

    /** Resolves the two ids of a row: a weak "NA" id is dropped when the other id is a real value. */
    static String[] ids(String person, String anonymous) {
        if (isWeakMissing(person) && anonymous != null && !isWeakMissing(anonymous)) {
            person = null;
        } else if (isWeakMissing(anonymous) && person != null) {
            anonymous = null;
        }
        return new String[]{person, anonymous};
    }

    /** Same as {@link #isMissing(String)} on UTF-8 bytes, without building a String. */
    static boolean isMissing(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0) {
            return true;
        }
        if (n <= 4) {
            if (n == 2 && b[s] == 'N' && b[s + 1] == 'A') {
                return true;
            }
            if (n == 4 && ((b[s] == 'n' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l')
                    || (b[s] == 'N' && b[s + 1] == 'U' && b[s + 2] == 'L' && b[s + 3] == 'L')
                    || (b[s] == 'N' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l')
                    || (b[s] == 'N' && b[s + 1] == 'o' && b[s + 2] == 'n' && b[s + 3] == 'e'))) {
                return true;
            }
            if (n == 3 && ((b[s] == 'N' && b[s + 1] == '/' && b[s + 2] == 'A')
                    || (b[s] == 'n' && b[s + 1] == '/' && b[s + 2] == 'a')
                    || (b[s] == 'n' && b[s + 1] == 'i' && b[s + 2] == 'l')
                    || (b[s] == 'N' && b[s + 1] == 'a' && b[s + 2] == 'N')
                    || (b[s] == 'n' && b[s + 1] == 'a' && b[s + 2] == 'n'))) {
                return true;
            }
        }
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    static Long parseLongOrNull(String v) {
        int n = v.length();
        if (n == 0 || n > 19) {
            return null;
        }
        int i = v.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return null;
        }
        long r = 0;
        for (; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            r = r * 10 + (c - '0');
        }
        return v.charAt(0) == '-' ? -r : r;
    }

    /** Appends {@code s} as a JSON string literal. */
    static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** {@code value} cut to {@code max} characters for a reject message. */
    static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) + "…" : value;
    }
}
