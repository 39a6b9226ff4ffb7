package org.journeyexplorer.privacy;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.IdentitySettingsJson;
import org.journeyexplorer.store.PersonData;
import org.journeyexplorer.store.ProjectStore;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Deletion request ("right to erasure"): removes a person, found from any of their ids through identity
 * stitching ({@link PersonFinder}), from every table of the project, in one transaction: their events (chunks
 * rewritten without their rows), references to their ids on other persons' events (set to "no id"), their
 * identity dictionary entries (blanked, so ids of everyone else stay valid), rejected rows mentioning any of
 * their ids, and all derived data (sessions and models are recomputed from what is left). The audit log gets
 * one entry without the ids. The file is then compacted so the deleted bytes are not left in free pages, and
 * every table is searched again ({@link Verification}).
 */
public final class PersonEraser {
    /** Audit action of a deletion request. */
    public static final String AUDIT_ACTION = "forget-person";

    private PersonEraser() {
    }

    /** The person a deletion of {@code id} would remove, without changing anything (for a confirmation). */
    public static Person preview(ProjectStore store, String id, TaskContext ctx) {
        return PersonFinder.find(store, store.events().loadColumns(ctx), id, ctx);
    }

    /**
     * Deletes the person of {@code id}. Cancelling is possible until the deletion commits; after that it runs
     * to the end.
     *
     * @throws org.journeyexplorer.core.UserFacingException when no stored identity has that id
     */
    public static DeletionReport forget(ProjectStore store, String id, TaskContext ctx) {
        // no import or append may commit between finding the person's rows and erasing them
        return store.exclusively(ctx, () -> {
            ctx.message("Finding the person");
            EventColumns c = store.events().loadColumns(ctx);
            Person p = PersonFinder.find(store, c, id, ctx);
            Predicate<String> mentions = IdText.mentionsAny(searchedIds(p));
            ctx.message("Deleting " + p.summary());
            forgetUnlinks(store, p);
            PersonData.ErasureCounts counts = PersonData.erase(store, p.rows(), p.identities(), p.keys(), mentions,
                    AUDIT_ACTION, p.summary(), ctx);
            // the erasure is committed: compacting and checking must run to the end, so cancel no longer applies
            TaskContext after = ctx.cancelledWhen(() -> false);
            after.message("Compacting the project file");
            store.compact();
            after.message("Checking that nothing of the person is left");
            Verification v = verify(store, p, after);
            Map<String, Long> perTable = new LinkedHashMap<>();
            perTable.put("event_chunk: events deleted", counts.eventsDeleted());
            perTable.put("event_chunk: chunks rewritten", (long) counts.chunksRewritten());
            perTable.put("event_chunk: chunks deleted (empty)", (long) counts.chunksDeleted());
            perTable.put("event_chunk: id references cleared on other persons' events", counts.referencesCleared());
            perTable.put("identity_chunk: ids erased", (long) counts.identitiesBlanked());
            perTable.put("key_chunk: e-mail, phone and device keys erased", (long) counts.keysBlanked());
            perTable.put("rejected_rows: rows deleted", (long) counts.rejectedRowsDeleted());
            perTable.put("derived: blobs deleted (recomputed on demand)", (long) counts.derivedDeleted());
            perTable.put("audit_log: entries added", 1L);
            return new DeletionReport(p.requestedId(), p.names(), p.ids(), counts.eventsDeleted(), perTable, true, v);
        });
    }

    /** Their ids leave the list of ids the analyst unlinked (the project settings must not keep them either). */
    private static void forgetUnlinks(ProjectStore store, Person p) {
        IdentitySettings s = IdentitySettingsJson.read(store);
        Set<String> kept = new java.util.TreeSet<>(s.detached());
        if (kept.removeAll(searchedIds(p))) {
            IdentitySettingsJson.save(store, s.withDetached(kept));
        }
    }

    /**
     * Searches the whole project for the person: no event may refer to their identities or mention their ids in
     * its properties, no dictionary entry may hold one of their ids, and no other table (listed through
     * {@code INFORMATION_SCHEMA}) may mention one.
     */
    public static Verification verify(ProjectStore store, Person p, TaskContext ctx) {
        Set<String> ids = searchedIds(p);
        // a number equal to a numeric id (a case number) turns up by chance in counts and properties: such
        // mentions are notes; any other id must not be found anywhere
        Set<String> numeric = new LinkedHashSet<>();
        Set<String> textual = new LinkedHashSet<>();
        for (String id : ids) {
            (id.chars().allMatch(Character::isDigit) ? numeric : textual).add(id);
        }
        Predicate<String> hard = IdText.mentionsAny(textual);
        Predicate<String> soft = IdText.mentionsAny(numeric);
        BitSet identities = p.identities();
        BitSet keys = p.keys();
        long[] refs = new long[4];
        PersonData.scanChunks(store, ctx, ch -> {
            for (int i = 0; i < ch.size(); i++) {
                int u = ch.user()[i];
                int a = ch.anonymous()[i];
                if ((u >= 0 && identities.get(u)) || (a >= 0 && identities.get(a))) {
                    refs[0]++;
                }
                for (int kind = 0; kind < 4; kind++) {
                    int k = ch.key(kind, i);
                    if (k >= 0 && keys.get(k)) {
                        refs[3]++;
                    }
                }
                String props = ch.props()[i];
                if (props != null && hard.test(props)) {
                    refs[1]++;
                } else if (props != null && soft.test(props)) {
                    refs[2]++;
                }
            }
        });
        List<String> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (refs[0] > 0) {
            findings.add("event_chunk: " + refs[0] + " events still refer to their ids");
        }
        if (refs[1] > 0) {
            findings.add("event_chunk: the properties of " + refs[1] + " events mention their ids");
        }
        if (refs[3] > 0) {
            findings.add("event_chunk: " + refs[3] + " events still refer to their e-mail, phone or device keys");
        }
        if (refs[2] > 0) {
            notes.add("event_chunk: the properties of " + refs[2] + " other events contain a number equal to one"
                    + " of their ids");
        }
        long dict = PersonData.identityValues(store).stream().filter(ids::contains).count();
        if (dict > 0) {
            findings.add("identity_chunk: " + dict + " entries still hold their ids");
        }
        Set<String> theirKeys = new LinkedHashSet<>(p.keyValues());
        long keyDict = PersonData.keyValues(store).stream().filter(theirKeys::contains).count();
        if (keyDict > 0) {
            findings.add("key_chunk: " + keyDict + " entries still hold their e-mail, phone or device keys");
        }
        for (PersonData.Mention m : PersonData.findMentions(store, hard, ctx)) {
            findings.add(m.table() + "." + m.column() + ": " + m.rows() + " rows mention their ids");
        }
        if (!numeric.isEmpty()) {
            for (PersonData.Mention m : PersonData.findMentions(store, soft, ctx)) {
                String line = m.table() + "." + m.column() + ": " + m.rows() + " rows contain a number equal to"
                        + " one of their ids";
                // rejected rows are deleted by the same test, so one left there is a real finding
                (m.table().equals("rejected_rows") ? findings : notes).add(line);
            }
        }
        return new Verification(PersonData.tables(store), findings, notes);
    }

    /** Their stored ids plus the id as requested (which differs from the stored one when pseudonymised). */
    static Set<String> searchedIds(Person p) {
        Set<String> ids = new LinkedHashSet<>(p.ids());
        ids.add(p.requestedId());
        return ids;
    }
}
