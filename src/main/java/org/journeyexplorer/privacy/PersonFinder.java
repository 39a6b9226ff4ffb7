package org.journeyexplorer.privacy;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.IdentitySettingsJson;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.Pseudonymizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds everything that belongs to a person from any one of their ids, using the analysis' identity graph
 * ({@link IdentityResolver} with stitching on, under the project's identity settings): the person is the person of
 * the id, whichever rule joined it (sign-in, shared e-mail or phone, a probable link); their ids are the ids of
 * that person, and an anonymous id on their events that the graph gives to another person stays with that person.
 * The id may also be an e-mail address or phone number: it is normalised and hashed as at import and looked up
 * among the stored keys. In a pseudonymised project the id is looked up as given and as its pseudonym.
 *
 * <p>Their keys are the e-mail and phone keys of their person, and the device and network signals on their events
 * that no other person's events carry (a household network stays with the household).
 */
public final class PersonFinder {
    private PersonFinder() {
    }

    /**
     * The person of {@code id}.
     *
     * @throws UserFacingException when no stored identity or key has that id (or its pseudonym)
     */
    public static Person find(ProjectStore store, EventColumns c, String id, TaskContext ctx) {
        String wanted = id == null ? "" : id.strip();
        if (wanted.isEmpty()) {
            throw new UserFacingException("Give the id of the person (a user id, an anonymous / device id, an e-mail"
                    + " address or a phone number).");
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(wanted);
        boolean pseudo = store.settings().hasPseudonymKey();
        Pseudonymizer ps = pseudo ? store.settings().pseudonymizer() : null;
        String pseudonym = ps == null ? null : ps.pseudonym(wanted);
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
        KeyColumns keys = c.keys();
        BitSet matchedKeys = new BitSet();
        if (ps != null && keys.size() > 0) {
            Set<String> keyCandidates = keyHashes(ps, wanted,
                    KeyNormaliser.Options.fromSettingsJson(store.settings().lastImportPrivacy().orElse(null)));
            for (int k = 0; k < keys.size(); k++) {
                if (keyCandidates.contains(keys.values()[k])) {
                    matchedKeys.set(k);
                }
            }
        }
        if (matched.isEmpty() && matchedKeys.isEmpty()) {
            throw new UserFacingException("No person with the id \"" + wanted + "\" is stored in "
                    + ProjectStore.displayName(store.file()) + (pseudo ? " (its pseudonym was looked up too)" : "")
                    + ". Check the id; nothing was changed.");
        }
        boolean viaPseudonym = pseudonym != null && matched.stream().anyMatch(i -> values[i].equals(pseudonym));

        IdentitySettings settings = IdentitySettingsJson.read(store).withStitch(true);
        IdentityResolution res = IdentityResolver.resolve(c, settings, ctx);
        IdentityGraph graph = res.graph();
        int[] personOfRow = res.personOfRow();
        int n = c.size();
        IntChunks user = c.user();
        IntChunks anon = c.anonymous();
        BitSet persons = new BitSet();
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            int p = graph.personOf(i);
            if (p >= 0) {
                persons.set(p);
            } else {
                // an id on events only as an unlinked device next to a user id: the person of its first such row
                for (int r = 0; r < n; r++) {
                    if (user.get(r) == i || anon.get(r) == i) {
                        persons.set(personOfRow[r]);
                        break;
                    }
                }
            }
        }
        for (int k = matchedKeys.nextSetBit(0); k >= 0; k = matchedKeys.nextSetBit(k + 1)) {
            int p = graph.personOfKey(k);
            if (p >= 0) {
                persons.set(p);
            } else {
                // a device or network signal is nobody's: its rows' persons are
                for (byte kind : new byte[]{KeyColumns.DEVICE, KeyColumns.NETWORK, KeyColumns.EMAIL, KeyColumns.PHONE}) {
                    IntChunks col = keys.column(kind);
                    for (int r = 0; col != null && r < n; r++) {
                        if (col.get(r) == k) {
                            persons.set(personOfRow[r]);
                        }
                    }
                }
            }
        }

        BitSet rows = new BitSet(n);
        BitSet identities = (BitSet) matched.clone();
        for (int i = 0; i < values.length; i++) {
            int p = graph.personOf(i);
            if (p >= 0 && persons.get(p)) {
                identities.set(i);
            }
        }
        for (int r = 0; r < n; r++) {
            if (persons.get(personOfRow[r])) {
                rows.set(r);
                if (user.get(r) >= 0) {
                    identities.set(user.get(r));
                }
                int a = anon.get(r);
                if (a >= 0 && graph.personOf(a) < 0) {
                    identities.set(a); // unlinked device seen only next to their user id
                }
            }
        }
        BitSet personKeys = theirKeys(keys, graph, persons, personOfRow, n);
        personKeys.or(matchedKeys);
        List<String> ids = new ArrayList<>();
        identities.stream().filter(i -> !c.identityIsAnonymous()[i]).forEach(i -> ids.add(values[i]));
        identities.stream().filter(i -> c.identityIsAnonymous()[i]).forEach(i -> ids.add(values[i]));
        List<String> names = new ArrayList<>(new TreeSet<>(persons.stream()
                .mapToObj(p -> res.personNames()[p]).toList()));
        if (names.isEmpty()) {
            names.add(wanted); // known id without events (its import was removed): still a person to erase
        }
        List<String> keyValues = personKeys.stream().mapToObj(k -> keys.values()[k]).toList();
        return new Person(wanted, names, ids, identities, rows, viaPseudonym, personKeys, keyValues);
    }

    /**
     * The keys of the persons: e-mail and phone keys the graph gives them, and device and network signals on their
     * rows that no other person's rows carry.
     */
    private static BitSet theirKeys(KeyColumns keys, IdentityGraph graph, BitSet persons, int[] personOfRow, int n) {
        BitSet out = new BitSet();
        for (int k = 0; k < keys.size(); k++) {
            int p = graph.personOfKey(k);
            if (p >= 0 && persons.get(p)) {
                out.set(k);
            }
        }
        BitSet onTheirs = new BitSet();
        BitSet onOthers = new BitSet();
        for (byte kind : new byte[]{KeyColumns.DEVICE, KeyColumns.NETWORK}) {
            IntChunks col = keys.column(kind);
            for (int r = 0; col != null && r < n; r++) {
                if (col.get(r) >= 0) {
                    (persons.get(personOfRow[r]) ? onTheirs : onOthers).set(col.get(r));
                }
            }
        }
        onTheirs.andNot(onOthers);
        out.or(onTheirs);
        return out;
    }

    /** The stored forms an id given as an e-mail address or phone number could have. */
    static Set<String> keyHashes(Pseudonymizer ps, String wanted, KeyNormaliser.Options options) {
        Set<String> out = new LinkedHashSet<>();
        for (boolean strip : new boolean[]{options.stripPlusTags(), !options.stripPlusTags()}) {
            String email = KeyNormaliser.email(wanted, strip);
            if (email != null) {
                out.add(ps.keyHash(KeyColumns.EMAIL, email));
            }
        }
        String phone = KeyNormaliser.phone(wanted, options.phoneRegion());
        if (phone != null) {
            out.add(ps.keyHash(KeyColumns.PHONE, phone));
        }
        return out;
    }
}
