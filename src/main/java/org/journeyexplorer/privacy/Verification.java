package org.journeyexplorer.privacy;

import java.util.List;

/**
 * The check after a deletion that nothing of the person remains.
 *
 * @param tablesSearched every table of the project, as listed by {@code INFORMATION_SCHEMA}
 * @param findings       what still mentions the person, one line each; empty when nothing does
 */
public record Verification(List<String> tablesSearched, List<String> findings) {
    /** True when no table, event or dictionary entry mentions any of the person's ids. */
    public boolean clean() {
        return findings.isEmpty();
    }
}
