package org.journeyexplorer.analysis;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Renames or groups event types: every type whose whole name matches {@code regex} is shown as {@code label}
 * (e.g. {@code view_item|view_reviews → Browse}). Rules are ordered; the first matching rule wins.
 */
public record RenameRule(String regex, String label) {
    public RenameRule {
        if (label == null || label.isBlank()) {
            throw new org.journeyexplorer.core.UserFacingException("A rename rule needs a non-empty label.");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new org.journeyexplorer.core.UserFacingException(
                    "The rename pattern \"" + regex + "\" is not a valid regular expression: " + e.getDescription());
        }
    }

    Pattern pattern() {
        return Pattern.compile(regex);
    }
}
