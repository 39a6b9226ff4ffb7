package org.journeyexplorer.project;

import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides consent per person for one file, in two streaming passes: {@link #collector()} sees every row once and
 * records which ids consented and which anonymous ids go with which user; {@link #keep} then tells, row by row,
 * whether the row's person consented. Memory grows with distinct ids, not rows.
 *
 * <p>Persons are formed as identity stitching forms them ({@code identity.IdentityResolver}, stitching on): an
 * anonymous id joins the user it was first seen with (earliest time, ties by file order), two users are never
 * merged through a shared device, rows without any id are one person. That union-find degenerates to one link per
 * anonymous id, so an array of links is all it takes. A consenting value on a row with a user id counts for that
 * user (not for other users of the same device); on a row with only an anonymous id, for the id's person.
 *
 * <p>Contact keys (e-mail, phone) deliberately do not join persons here: a device that gives a consenting
 * person's e-mail but never consents itself is dropped, with its keys, rather than covered by the other id's
 * consent. So a dropped row's keys are never stored and link nothing; the kept persons are each within one
 * person of the identity graph, which is therefore never formed around a non-consenting row.
 */
final class ConsentGroups {
    private static final int NO_ID = 0;

    private final ConsentRule rule;
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Integer> anons = new HashMap<>();
    private int nodes = 1; // node 0: rows without any id
    private int[] link = new int[1024];
    private long[] linkTime = new long[1024];
    private final BitSet consentNode = new BitSet();
    private BitSet consentRoot;
    private final BitSet droppedRoots = new BitSet();

    ConsentGroups(ConsentRule rule) {
        this.rule = rule;
        Arrays.fill(link, -1);
    }

    /** The first pass: feed it every row of the file. */
    EventSink collector() {
        return new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                int u = node(users, e.personId());
                int a = node(anons, e.anonymousId());
                if (u >= 0 && a >= 0 && (link[a] < 0 || e.timeMicros() < linkTime[a])) {
                    link[a] = u;
                    linkTime[a] = e.timeMicros();
                }
                if (rule.consents(e.propertiesJson())) {
                    consentNode.set(u >= 0 ? u : a >= 0 ? a : NO_ID);
                }
            }

            @Override
            public void reject(long line, String reason, String raw) {
                // a rejected row is stored as no one's event, so it neither gives nor needs consent
            }
        };
    }

    /** Ends the first pass: spreads each consent to its person. */
    void finish() {
        consentRoot = new BitSet(nodes);
        for (int n = consentNode.nextSetBit(0); n >= 0; n = consentNode.nextSetBit(n + 1)) {
            consentRoot.set(root(n));
        }
    }

    /** Whether the row's person consented; a row of a person without consent is counted as dropped. */
    boolean keep(ParsedEvent e) {
        int r;
        if (e.personId() != null) {
            r = users.getOrDefault(e.personId(), -1);
        } else if (e.anonymousId() != null) {
            Integer a = anons.get(e.anonymousId());
            r = a == null ? -1 : root(a);
        } else {
            r = NO_ID;
        }
        if (r >= 0 && consentRoot.get(r)) {
            return true;
        }
        if (r >= 0) {
            droppedRoots.set(r);
        }
        // an id the first pass did not see (the file changed in between) has no consent on record
        return false;
    }

    /** Distinct persons {@link #keep} refused so far. */
    int droppedPersons() {
        return droppedRoots.cardinality();
    }

    private int root(int n) {
        return n < link.length && link[n] >= 0 ? link[n] : n;
    }

    private int node(Map<String, Integer> ids, String id) {
        if (id == null) {
            return -1;
        }
        Integer n = ids.get(id);
        if (n == null) {
            n = nodes++;
            ids.put(id, n);
            if (n >= link.length) {
                int old = link.length;
                link = Arrays.copyOf(link, old * 2);
                linkTime = Arrays.copyOf(linkTime, old * 2);
                Arrays.fill(link, old, link.length, -1);
            }
        }
        return n;
    }
}
