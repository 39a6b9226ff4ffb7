package org.journeyexplorer.flink;

import org.journeyexplorer.predict.portable.ModelFormatException;
import org.journeyexplorer.predict.portable.ModelJson;
import org.journeyexplorer.predict.portable.PortableModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Scorers over the app's portable model JSON ({@code export-model}), read and scored by the app's own
 * {@link PortableModel} — the code the app's {@code predict} and Predictions tab score with — so the job's numbers
 * for a prefix are the app's. Like {@code predict} on a typed prefix, scoring leaves the event times out.
 * Each scorer keeps its working state (one task thread uses it), so scoring an event allocates nothing.
 */
public final class PortableScorers {
    /** Reads a model with the app's shared reader. */
    public static final ScorerFactory FACTORY = PortableScorers::load;
    /** Next steps published per event. */
    static final int TOP = 3;

    private PortableScorers() {
    }

    /**
     * What identifies the model in every output record: its kind, when it was exported and a hash of the file
     * ({@code markov 2026-12-06T01:59:07Z #1a2b3c4d}). Not the model's description, a sentence written into every
     * score and session (the bench's scores: 537 → 458 bytes on average without it); the description is in the
     * model file.
     */
    static String id(PortableModel m, String json) {
        Object created = m.source() == null ? null : m.source().get("created");
        return m.scorer().kind() + (created == null ? "" : " " + created) + " #" + Integer.toHexString(json.hashCode());
    }

    static Scorer load(String json) {
        PortableModel m;
        try {
            m = ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | ModelFormatException e) {
            // the app's reader names what it cannot read, e.g. a model kind newer than this job
            throw new IllegalArgumentException("Cannot score with this model: " + e.getMessage() + ".");
        }
        String id = id(m, json);
        String goal = m.conversion() == null ? null : m.conversion().goal();
        return new Scorer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String goal() {
                return goal;
            }

            /** This task's working state: the prefix as type indices, the distributions, the prediction. */
            private final PortableModel.Scratch scratch = m.newScratch();
            private final Prediction prediction = new Prediction();
            private int[] seq = new int[16];

            @Override
            public Prediction score(String[] types, int length) {
                if (seq.length < length) {
                    seq = new int[Math.max(length, seq.length * 2)];
                }
                return predict(seq, map(types, 0, length, seq, 0));
            }

            /** Maps only the events added since the session's last score (see {@link Timeline#seq}). */
            @Override
            public Prediction score(Timeline t) {
                if (t.indexedFor != this || t.seq == null || t.indexed > t.size) {
                    t.indexedFor = this;
                    t.indexed = 0;
                    t.seqLength = 0;
                }
                if (t.seq == null || t.seq.length < t.size) {
                    t.seq = java.util.Arrays.copyOf(t.seq == null ? new int[0] : t.seq, Math.max(8, t.size * 2));
                }
                t.seqLength = map(t.types, t.indexed, t.size, t.seq, t.seqLength);
                t.indexed = t.size;
                return predict(t.seq, t.seqLength);
            }

            /** Appends the type indices of {@code types[from..to)} to {@code seq[0..n)}; returns the new length. */
            private int map(String[] types, int from, int to, int[] into, int n) {
                for (int i = from; i < to; i++) {
                    int t = m.typeIndex(types[i]);
                    if (t >= 0) {
                        into[n++] = t; // names outside the dictionary are left out, as the app's predict does
                    }
                }
                return n;
            }

            private Prediction predict(int[] seq, int n) {
                m.score(seq, n, null, TOP, scratch);
                prediction.reset(scratch.conversion());
                for (int i = 0; i < scratch.count(); i++) {
                    prediction.add(scratch.name(i), scratch.probability(i));
                }
                return prediction;
            }
        };
    }
}
