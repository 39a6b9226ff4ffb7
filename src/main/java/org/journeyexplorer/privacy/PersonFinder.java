package org.journeyexplorer.privacy;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.store.ProjectStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds everything that belongs to a person from any one of their ids, using the analysis' identity stitching
 * ({@link IdentityResolver} with stitching on): the person is the stitched person of the id; their ids are the
 * ids on their events, except anonymous ids that stitching gives to another person (an anonymous id seen with
 * two users belongs to the first). In a pseudonymised project the id is looked up as given and as its pseudonym.
 */
public final class PersonFinder {
    private PersonFinder() {
    }

    /**
     * The person of {@code id}.
     *
     * @throws UserFacingException when no stored identity has that id (or its pseudonym)
     */
    public static Person find(ProjectStore store, EventColumns c, String id, TaskContext ctx) {
        String wanted = id == null ? "" : id.strip();
        if (wanted.isEmpty()) {
            throw new UserFacingException("Give the id of the person (a user id or an anonymous / device id).");
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(wanted);
        boolean pseudo = store.settings().hasPseudonymKey();
        String pseudonym = pseudo ? store.settings().pseudonymizer().pseudonym(wanted) : null;
        if (pseudonym != null) {
            candidates.add(pseudonym);
        }
        String[] values = c.identities();
        BitSet matched = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (candidates.contains(values[i])) {
                matched.set(i);
            }
        }
        if (matched.isEmpty()) {
            throw new UserFacingException("No person with the id \"" + wanted + "\" is stored in "
                    + ProjectStore.displayName(store.file()) + (pseudo ? " (its pseudonym was looked up too)" : "")
                    + ". Check the id; nothing was changed.");
        }
        boolean viaPseudonym = pseudonym != null && matched.stream().anyMatch(i -> values[i].equals(pseudonym));

        IdentityResolution res = IdentityResolver.resolve(c, true, ctx);
        int[] personOfRow = res.personOfRow();
        int[] owner = owners(c, personOfRow);
        BitSet persons = new BitSet();
        matched.stream().filter(i -> owner[i] >= 0).forEach(i -> persons.set(owner[i]));

        int n = c.size();
        BitSet rows = new BitSet(n);
        BitSet identities = (BitSet) matched.clone();
        for (int r = 0; r < n; r++) {
            if (persons.get(personOfRow[r])) {
                rows.set(r);
                int u = c.user()[r];
                int a = c.anonymous()[r];
                if (u >= 0) {
                    identities.set(u);
                }
                if (a >= 0 && persons.get(owner[a])) {
                    identities.set(a);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        identities.stream().filter(i -> !c.identityIsAnonymous()[i]).forEach(i -> ids.add(values[i]));
        identities.stream().filter(i -> c.identityIsAnonymous()[i]).forEach(i -> ids.add(values[i]));
        List<String> names = new ArrayList<>(new TreeSet<>(persons.stream()
                .mapToObj(p -> res.personNames()[p]).toList()));
        if (names.isEmpty()) {
            names.add(wanted); // known id without events (its import was removed): still a person to erase
        }
        return new Person(wanted, names, ids, identities, rows, viaPseudonym);
    }

    /**
     * The stitched person each identity belongs to, -1 for an identity on no event: a user id's person is its
     * own; an anonymous id belongs to the user it is first seen with (earliest time, ties by storage order, the
     * resolver's rule), else to the person of its rows without a user id.
     */
    static int[] owners(EventColumns c, int[] personOfRow) {
        int ids = c.identities().length;
        int[] owner = new int[ids];
        Arrays.fill(owner, -1);
        int[] linkRow = new int[ids];
        Arrays.fill(linkRow, -1);
        int[] user = c.user();
        int[] anon = c.anonymous();
        long[] time = c.timeMicros();
        for (int r = 0; r < c.size(); r++) {
            int u = user[r];
            int a = anon[r];
            if (u >= 0) {
                owner[u] = personOfRow[r];
                if (a >= 0 && (linkRow[a] < 0 || time[r] < time[linkRow[a]])) {
                    linkRow[a] = r;
                }
            }
        }
        for (int r = 0; r < c.size(); r++) {
            int a = anon[r];
            if (a >= 0 && owner[a] < 0) {
                owner[a] = linkRow[a] >= 0 ? personOfRow[linkRow[a]] : personOfRow[r];
            }
        }
        return owner;
    }
}
