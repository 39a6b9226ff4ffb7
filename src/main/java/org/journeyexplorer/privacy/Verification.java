package org.journeyexplorer.privacy;

import java.util.List;

/**
 * The check after a deletion that nothing of the person remains.
 *
 * @param tablesSearched every table of the project, as listed by {@code INFORMATION_SCHEMA}
 * @param findings       what still mentions the person, one line each; empty when nothing does
 * @param notes          mentions of ids made only of digits in places the app never writes ids to (audit
 *                       details, import settings, other persons' event properties): most likely a number that
 *                       equals the id by chance, so they are listed but do not count as findings
 */
public record Verification(List<String> tablesSearched, List<String> findings, List<String> notes) {
    /** True when no table, event or dictionary entry mentions any of the person's ids. */
    public boolean clean() {
        return findings.isEmpty();
    }
}
