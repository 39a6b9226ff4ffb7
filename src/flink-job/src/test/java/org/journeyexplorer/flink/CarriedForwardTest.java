package org.journeyexplorer.flink;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a stage carries forward in a person's timeline from one event to the next (the model's type indices of the
 * session, its written path) gives the score and the path written afresh from the whole session: through long
 * and short sessions, session ends, merges of a device's session, sessions longer than the written path, a new
 * model in force and the state copied by Flink's own serializer (which drops what is carried forward).
 */
class CarriedForwardTest {
    private static final long MIN = 60_000_000L;
    private static final String MODEL = PortableScorersTest.MODEL;

    /** Another model: b is not in it, and a and c have other type indices. */
    private static final String OTHER = MODEL.replace("[\"a\",\"b\",\"c\"]", "[\"c\",\"x\",\"a\"]")
            .replace("\"goal\":\"c\"", "\"goal\":\"a\"");

    @Test
    void carriedForwardEqualsWorkedOutAfresh() {
        Scorer[] models = {PortableScorers.load(MODEL), PortableScorers.load(OTHER)};
        Scorer[] fresh = {PortableScorers.load(MODEL), PortableScorers.load(OTHER)};
        @SuppressWarnings("unchecked")
        TypeSerializer<Timeline> flink = TypeInformation.of(Timeline.class).createSerializer(
                new SerializerConfigImpl());
        String[] names = {"a", "b", "c", "x", "né \"q\""};
        Random r = new Random(5);
        Timeline t = new Timeline();
        Outputs.Json json = new Outputs.Json(16);
        long time = 0;
        int model = 0;
        int scored = 0;
        int longest = 0;
        for (int step = 0; step < 6_000; step++) {
            int what = r.nextInt(100);
            if (what < 2) {
                model = 1 - model; // a new model broadcast
            } else if (what < 4) {
                t = flink.copy(t); // copy-on-write during a checkpoint, or a restore
            } else if (what < 6 && t.size > 0) {
                t.close();
            } else if (what < 8 && t.size > 0) {
                int n = 1 + r.nextInt(4);
                String[] types = new String[n];
                long[] times = new long[n];
                for (int i = 0; i < n; i++) {
                    types[i] = names[r.nextInt(names.length)];
                    times[i] = time - r.nextInt(20) * MIN;
                }
                t.merge(types, times, 30 * MIN);
            } else {
                // mostly within the timeout; one in 300 a long gap, so some sessions outgrow the written path
                time += r.nextInt(300) == 0 ? 31 * MIN : r.nextInt(3) * 1_000_000L;
                t.add(names[r.nextInt(names.length)], time, 30 * MIN);
            }
            if (t.size == 0) {
                continue;
            }
            Scorer.Prediction got = models[model].score(t);
            String gotText = describe(got);
            String want = describe(fresh[model].score(t.types, t.size));
            assertEquals(want, gotText, "step " + step);
            json.reset();
            Outputs.writePath(json, t);
            assertEquals(pathAfresh(t), new String(json.bytes(), StandardCharsets.UTF_8), "step " + step);
            scored++;
            longest = Math.max(longest, t.size);
        }
        assertEquals(true, scored > 5_000 && longest > Outputs.MAX_PATH, scored + " scored, longest " + longest);
    }

    private static String describe(Scorer.Prediction p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.count(); i++) {
            out.add(p.event(i) + "=" + p.probability(i));
        }
        return out + " " + p.conversion();
    }

    /** The last MAX_PATH names, written one by one as JSON strings. */
    private static String pathAfresh(Timeline t) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, t.size - Outputs.MAX_PATH); i < t.size; i++) {
            if (b.length() > 0) {
                b.append(',');
            }
            Outputs.str(b, t.types[i]);
        }
        return b.toString();
    }
}
