package org.journeyexplorer.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed identity and event-type dictionaries as look-up maps, kept by the store between writes so an append
 * of a few thousand events does not reload hundreds of thousands of identities. Identities and keys are in
 * {@link SeenIds} tables, not {@code HashMap<String, Integer>}: a node and a boxed id per entry were 90 MB and 3.7 M
 * objects for the collector to trace at 10 M events (660 k ids, 1.2 M keys). Only the holder of the store's
 * write lock touches it; a writer looks up here and keeps its new entries to itself until it commits
 * ({@link #commit}), so a rolled-back write leaves it as it was.
 */
final class Dictionary {
    final SeenIds userIds;
    final SeenIds anonIds;
    final Map<String, Integer> typeIds = new HashMap<>();
    /** Identity keys (keyed hashes of e-mail, phone, device signals) by value. */
    final SeenIds keyIds;
    int identityCount;

    private Dictionary(int users, int anonymous, int keys) {
        userIds = new SeenIds(users);
        anonIds = new SeenIds(anonymous);
        keyIds = new SeenIds(keys);
    }

    static Dictionary of(List<String> identities, List<Boolean> anonymous, List<String> types, List<String> keys) {
        int anon = 0;
        for (Boolean a : anonymous) {
            anon += a ? 1 : 0;
        }
        Dictionary d = new Dictionary(identities.size() - anon, anon, keys.size());
        for (int i = 0; i < identities.size(); i++) {
            (anonymous.get(i) ? d.anonIds : d.userIds).put(identities.get(i), i);
        }
        d.identityCount = identities.size();
        for (int i = 0; i < types.size(); i++) {
            d.typeIds.put(types.get(i), i);
        }
        for (int i = 0; i < keys.size(); i++) {
            d.keyIds.put(keys.get(i), i);
        }
        return d;
    }

    /**
     * What writers committed and the tables do not hold yet, oldest first: added by {@link #applyCommitted} when the
     * next writer needs the tables. The command line's {@code import} exits right after its commit, where putting
     * 100 k new ids into the tables (and growing them) was a tenth of the import's serial tail.
     */
    private final List<Runnable> committed = new ArrayList<>();

    /** Adds what a writer created, in id order: kept until the tables are next needed ({@link #applyCommitted}). */
    void commit(List<String> newIdentities, java.util.BitSet newAnonymous, List<String> newTypes,
                List<String> newKeys) {
        committed.add(() -> add(newIdentities, newAnonymous, newTypes, newKeys));
    }

    /** Adds to the tables what writers committed since they were last needed; every writer calls it first. */
    Dictionary applyCommitted() {
        for (Runnable r : committed) {
            r.run();
        }
        committed.clear();
        return this;
    }

    private void add(List<String> newIdentities, java.util.BitSet newAnonymous, List<String> newTypes,
                     List<String> newKeys) {
        for (int i = 0; i < newIdentities.size(); i++) {
            (newAnonymous.get(i) ? anonIds : userIds).put(newIdentities.get(i), identityCount + i);
        }
        identityCount += newIdentities.size();
        int t = typeIds.size();
        for (String name : new ArrayList<>(newTypes)) {
            typeIds.put(name, t++);
        }
        int k = keyIds.size();
        for (String key : new ArrayList<>(newKeys)) {
            keyIds.put(key, k++);
        }
    }
}
