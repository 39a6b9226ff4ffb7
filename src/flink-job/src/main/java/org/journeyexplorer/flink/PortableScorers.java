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

    static Scorer load(String json) {
        PortableModel m;
        try {
            m = ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | ModelFormatException e) {
            // the app's reader names what it cannot read, e.g. a model kind newer than this job
            throw new IllegalArgumentException("Cannot score with this model: " + e.getMessage() + ".");
        }
        String id = m.description() + " #" + Integer.toHexString(json.hashCode());
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
                int n = 0;
                for (int i = 0; i < length; i++) {
                    int t = m.typeIndex(types[i]);
                    if (t >= 0) {
                        seq[n++] = t; // names outside the dictionary are left out, as the app's predict does
                    }
                }
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
