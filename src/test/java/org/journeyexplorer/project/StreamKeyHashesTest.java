package org.journeyexplorer.project;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.Pseudonymizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A stream keeps its key hashes (and what they cached) from batch to batch: every stored key must still be the
 * keyed hash of the normalised value, as a naive look-up computes it, however often the caches fill and empty.
 */
class StreamKeyHashesTest {
    private static final KeyNormaliser.Options OPTIONS = new KeyNormaliser.Options(true, "DE");

    @TempDir
    Path dir;

    /** The naive reference: normalise each value and hash it with the project's key, nothing cached. */
    private static String[] reference(Pseudonymizer ps, IdentityValues v, KeyNormaliser.Options o) {
        String prefix = KeyNormaliser.ipPrefix(v.ip());
        String fp = KeyNormaliser.plain(v.fingerprint());
        String agent = KeyNormaliser.plain(v.userAgent());
        String device = fp != null ? "fingerprint\u0000" + fp
                : agent != null && prefix != null ? "agent\u0000" + agent + "\u0000" + prefix : null;
        return new String[]{
                ps.keyHash(KeyColumns.EMAIL, KeyNormaliser.email(v.email(), o.stripPlusTags())),
                ps.keyHash(KeyColumns.PHONE, KeyNormaliser.phone(v.phone(), o.phoneRegion())),
                ps.keyHash(KeyColumns.DEVICE, device),
                ps.keyHash(KeyColumns.NETWORK, prefix)};
    }

    /** Values repeating (recent ones often, as a stream's persons do) and some that normalise to nothing. */
    private static IdentityValues values(Random rnd, int spread) {
        int n = rnd.nextInt(spread);
        String mail = rnd.nextInt(5) == 0 ? null : rnd.nextInt(40) == 0 ? "not-an-address"
                : " M" + n + "+tag@Example.com";
        String phone = rnd.nextInt(3) == 0 ? null : rnd.nextInt(40) == 0 ? "12" : "030 " + (1_000_000 + n);
        String fp = rnd.nextInt(2) == 0 ? null : "fp" + (n % 977);
        String agent = rnd.nextInt(4) == 0 ? null : "Mozilla/5.0 (agent " + (n % 13) + ")";
        String ip = rnd.nextInt(6) == 0 ? null : rnd.nextInt(30) == 0 ? "999.1.1.1"
                : "10." + (n % 250) + "." + (n % 7) + "." + rnd.nextInt(250);
        return new IdentityValues(mail, phone, fp, agent, ip);
    }

    @Test
    void cachedHashesEqualTheNaiveOnesAcrossBatchesAndCacheRefills() {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            try (var w = store.beginAppend("kafka:x/t", "t", TaskContext.NONE)) {
                Pseudonymizer first = ImportService.keyHasher(store, w); // creates the project's key
                ImportService.KeyHashes keys = new ImportService.KeyHashes(first, OPTIONS);
                Pseudonymizer ref = ImportService.keyHasher(store, w); // the same key, its own instance
                Random rnd = new Random(3);
                // more distinct values than a cache holds, so each empties and fills again several times
                int spread = ImportService.KeyHashes.CACHED_PER_KIND * 3;
                for (int i = 0; i < spread * 2; i++) {
                    IdentityValues v = values(rnd, i % 3 == 0 ? spread : 50);
                    assertArrayEquals(reference(ref, v, OPTIONS), keys.of(v), "values " + v);
                }
                assertTrue(keys.sameAs(ref, OPTIONS), "the same key is the same");
                assertFalse(keys.sameAs(ref, new KeyNormaliser.Options(false, "DE")),
                        "other normalisation: other hashes");
                try (ProjectStore other = ProjectStore.create(dir.resolve("q"));
                     var ow = other.beginAppend("kafka:x/t", "t", TaskContext.NONE)) {
                    assertFalse(keys.sameAs(ImportService.keyHasher(other, ow), OPTIONS), "another project's key");
                }
            }
        }
    }

    @Test
    void aStreamsStoredKeysAreTheHashesOfEachRowsOwnValues() {
        Path p = dir.resolve("s");
        Random rnd = new Random(11);
        List<ParsedEvent> all = new ArrayList<>();
        EventColumns cols;
        Pseudonymizer ref;
        try (ProjectSession s = ProjectSession.create(p)) {
            for (int b = 0; b < 12; b++) {
                List<ParsedEvent> events = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    IdentityValues v = values(rnd, 400);
                    events.add(new ParsedEvent(0, "u" + rnd.nextInt(200), null, (b * 300L + i) * 1_000_000L,
                            "view", null, v));
                }
                s.append(new StreamBatch("kafka:x/t", "t", events, List.of(), Map.of(0, (long) b)));
                all.addAll(events);
            }
            cols = s.columns(TaskContext.NONE);
        }
        try (ProjectStore store = ProjectStore.open(p)) {
            ref = store.settings().pseudonymizer();
        }
        KeyColumns k = cols.keys();
        int[][] columns = {IntChunks.arrayOrNull(k.email()), IntChunks.arrayOrNull(k.phone()), IntChunks.arrayOrNull(k.device()), IntChunks.arrayOrNull(k.network())};
        for (int r = 0; r < all.size(); r++) {
            IdentityValues v = all.get(r).identity();
            // a project without a file import normalises as the defaults say
            String[] expected = reference(ref, v, KeyNormaliser.Options.DEFAULT);
            for (int kind = 0; kind < 4; kind++) {
                if (columns[kind] == null) {
                    continue; // device and network keys are loaded only when probable links are on
                }
                int key = columns[kind][r];
                assertEquals(expected[kind], key < 0 ? null : k.values()[key], "row " + r + " key " + kind);
            }
        }
    }
}
