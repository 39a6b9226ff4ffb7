package org.journeyexplorer.session;

import java.util.Locale;

/**
 * What one journey is. A process log (helpdesk tickets, insurance claims, XES traces) is a set of cases, and a case
 * is one journey however long it idles between steps; a clickstream is cut into sessions after a spell of
 * inactivity. The project remembers the analyst's choice; until there is one, {@link #looksLikeCaseLog} decides from
 * how the files were imported.
 */
public enum JourneyScope {
    /** The whole case (all events of a person / case id) is one journey. */
    CASE,
    /** A journey is a session, cut after a gap of inactivity ({@link SessionRule}). */
    SESSION;

    /** Words in a person-column name that make it a case id rather than a person ("CaseID", "case:concept:name"). */
    private static final String[] CASE_WORDS = {"case", "trace", "ticket", "incident"};

    /**
     * The session rule of this scope: {@link SessionRule#wholeCase()} for cases, else the timeout rule.
     *
     * @param sessionTimeoutMicros the inactivity gap that starts a new session, for {@link #SESSION}
     */
    public SessionRule rule(long sessionTimeoutMicros) {
        return this == CASE ? SessionRule.wholeCase() : SessionRule.timeout(sessionTimeoutMicros);
    }

    /** Lower-case name as stored and typed on the command line ("case", "session"). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()} (also "cases", "sessions"); throws {@link IllegalArgumentException} otherwise. */
    public static JourneyScope parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("case")) {
            return CASE;
        }
        if (t.startsWith("session")) {
            return SESSION;
        }
        throw new IllegalArgumentException("A journey is a case or a session, not \"" + text + "\".");
    }

    /**
     * Whether an import reads as a process log: an XES file (its traces are cases), or a person column named like
     * a case id with no anonymous / device column beside it (clickstreams have one, process logs do not).
     *
     * @param format          the import format name ({@code XES}, {@code DELIMITED}, …), or null
     * @param personColumn    the column used as person / case id, or null
     * @param anonymousColumn the column used as anonymous / device id, or null
     */
    public static boolean looksLikeCaseLog(String format, String personColumn, String anonymousColumn) {
        if (anonymousColumn != null) {
            return false;
        }
        if ("XES".equals(format)) {
            return true;
        }
        if (personColumn == null) {
            return false;
        }
        String n = personColumn.toLowerCase(Locale.ROOT);
        for (String w : CASE_WORDS) {
            if (n.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
