package org.journeyexplorer.identity;

import java.util.List;

/**
 * A link made by probabilistic matching: {@code anonymousId} joined the person of {@code linkedTo}.
 *
 * @param anonymousId the anonymous id that was not placed by a sign-in or a contact key
 * @param linkedTo    the id it was linked to (an id of the person it joined)
 * @param score       the pair's score, 0–1; at least the threshold
 * @param signals     what led to the link, in words ("same browser and network", "3 min apart", …)
 */
public record ProbableLink(String anonymousId, String linkedTo, double score, List<String> signals) {
    public ProbableLink {
        signals = List.copyOf(signals);
    }
}
