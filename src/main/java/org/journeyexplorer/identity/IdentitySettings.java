package org.journeyexplorer.identity;

import java.util.Set;
import java.util.TreeSet;

/**
 * How the identity graph joins ids into persons.
 *
 * <p>The rules, applied in this order (each later rule only joins what the earlier ones left apart):
 * <ol>
 *   <li><b>Contact keys on accounts.</b> A user id and the e-mail / phone keys on its rows belong together. A key
 *       seen with two user ids joins them when its kind may join accounts ({@link #emailJoinsAccounts},
 *       {@link #phoneJoinsAccounts}): one e-mail on two accounts is one person with two accounts. Otherwise the
 *       key stays with the user id it was first seen with (earliest time, ties by storage order) and the other
 *       user id is a conflict in the merge report, e.g. a household phone number.</li>
 *   <li><b>Sign-in.</b> An anonymous id joins the user id it was first seen with; a later user id on the same
 *       anonymous id is a conflict unless the two user ids are already one person.</li>
 *   <li><b>Contact keys on anonymous rows.</b> An anonymous id whose rows (without a user id) carry a key joins
 *       that key's person, in time order; a link that would join two persons who both have user ids is refused
 *       and reported.</li>
 *   <li><b>Probable links</b> (only when {@link #probabilistic}): an anonymous id that none of the above placed
 *       with a user joins the best-scoring candidate when its score reaches {@link #threshold}; never two
 *       persons who both have user ids.</li>
 * </ol>
 * Ids in {@link #detached} (unlinked by the analyst) join nothing by rules 2–4 and their keys join nothing by rule 1:
 * they stand alone, with the rows that carry them as the only user id.
 *
 * @param stitch             whether to stitch at all; false gives one person per user id, else per anonymous id
 * @param emailJoinsAccounts whether one e-mail key on two user ids joins them
 * @param phoneJoinsAccounts whether one phone key on two user ids joins them
 * @param probabilistic      whether probable links are made
 * @param threshold          smallest score (0–1) of a probable link
 * @param windowMinutes      how far apart in time two ids' activity on a shared device or network may be to be
 *                           candidates
 * @param detached           ids (user or anonymous, as stored) that the analyst unlinked
 */
public record IdentitySettings(boolean stitch, boolean emailJoinsAccounts, boolean phoneJoinsAccounts,
                               boolean probabilistic, double threshold, int windowMinutes, Set<String> detached) {

    /** Default score threshold of probable links. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** Default time window of candidate pairs: a week (a browser that lost its cookie may come back days later). */
    public static final int DEFAULT_WINDOW_MINUTES = 7 * 24 * 60;

    /** Stitching on, e-mail joins accounts, phone does not, no probable links, nothing unlinked. */
    public static final IdentitySettings DEFAULT = new IdentitySettings(true, true, false, false,
            DEFAULT_THRESHOLD, DEFAULT_WINDOW_MINUTES, Set.of());

    /** No stitching: one person per user id, else per anonymous id. */
    public static final IdentitySettings OFF = DEFAULT.withStitch(false);

    public IdentitySettings {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("The match threshold must be between 0 and 1, not " + threshold + ".");
        }
        if (windowMinutes < 1) {
            throw new IllegalArgumentException("The match time window must be at least a minute.");
        }
        detached = Set.copyOf(new TreeSet<>(detached));
    }

    /** {@link #DEFAULT} or {@link #OFF}. */
    public static IdentitySettings of(boolean stitch) {
        return stitch ? DEFAULT : OFF;
    }

    public IdentitySettings withStitch(boolean s) {
        return new IdentitySettings(s, emailJoinsAccounts, phoneJoinsAccounts, probabilistic, threshold,
                windowMinutes, detached);
    }

    public IdentitySettings withEmailJoinsAccounts(boolean b) {
        return new IdentitySettings(stitch, b, phoneJoinsAccounts, probabilistic, threshold, windowMinutes, detached);
    }

    public IdentitySettings withPhoneJoinsAccounts(boolean b) {
        return new IdentitySettings(stitch, emailJoinsAccounts, b, probabilistic, threshold, windowMinutes, detached);
    }

    public IdentitySettings withProbabilistic(boolean b) {
        return new IdentitySettings(stitch, emailJoinsAccounts, phoneJoinsAccounts, b, threshold, windowMinutes,
                detached);
    }

    public IdentitySettings withThreshold(double t) {
        return new IdentitySettings(stitch, emailJoinsAccounts, phoneJoinsAccounts, probabilistic, t, windowMinutes,
                detached);
    }

    public IdentitySettings withWindowMinutes(int m) {
        return new IdentitySettings(stitch, emailJoinsAccounts, phoneJoinsAccounts, probabilistic, threshold, m,
                detached);
    }

    public IdentitySettings withDetached(Set<String> ids) {
        return new IdentitySettings(stitch, emailJoinsAccounts, phoneJoinsAccounts, probabilistic, threshold,
                windowMinutes, ids);
    }

    /** These settings with {@code id} unlinked ({@code detach}) or linked again. */
    public IdentitySettings withDetached(String id, boolean detach) {
        Set<String> s = new TreeSet<>(detached);
        if (detach) {
            s.add(id);
        } else {
            s.remove(id);
        }
        return withDetached(s);
    }

    /**
     * A short text that differs whenever the persons could differ, for cache keys of data derived from the
     * persons (stored sessions). Unlinked ids enter as a hash.
     */
    public String key() {
        if (!stitch) {
            return "stitch=off";
        }
        StringBuilder sb = new StringBuilder("stitch=on");
        sb.append(";email=").append(emailJoinsAccounts ? 1 : 0).append(";phone=").append(phoneJoinsAccounts ? 1 : 0);
        if (probabilistic) {
            sb.append(";prob=").append(threshold).append('/').append(windowMinutes);
        }
        if (!detached.isEmpty()) {
            sb.append(";unlinked=").append(detached.size()).append('#')
                    .append(Integer.toHexString(String.join("\u0000", new TreeSet<>(detached)).hashCode()));
        }
        return sb.toString();
    }

    // equals and hashCode written out: a record's generated ones are linked on first use, 5-15 ms of a short
    // command's start each (the rule keys the frame cache as soon as the first frame is built)
    @Override
    public boolean equals(Object o) {
        return o instanceof IdentitySettings s && stitch == s.stitch && emailJoinsAccounts == s.emailJoinsAccounts
                && phoneJoinsAccounts == s.phoneJoinsAccounts && probabilistic == s.probabilistic
                && Double.compare(threshold, s.threshold) == 0 && windowMinutes == s.windowMinutes
                && detached.equals(s.detached);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(stitch);
        h = 31 * h + Boolean.hashCode(emailJoinsAccounts);
        h = 31 * h + Boolean.hashCode(phoneJoinsAccounts);
        h = 31 * h + Boolean.hashCode(probabilistic);
        h = 31 * h + Double.hashCode(threshold);
        h = 31 * h + windowMinutes;
        return 31 * h + detached.hashCode();
    }
}
