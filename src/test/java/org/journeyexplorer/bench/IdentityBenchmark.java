package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.LegacyStitching;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Case "identity": stitching time on generated columns, the former resolver (one link array, kept in tests as
 * {@link LegacyStitching}) against the identity graph without keys, with the deterministic keys (e-mail, phone),
 * and with probable links. Arguments: {@code [events=5000000] [rounds=5]}. Prints the median wall and thread CPU
 * time per variant after two warm-up rounds; CPU time is the figure least disturbed by a loaded machine.
 */
final class IdentityBenchmark {
    private IdentityBenchmark() {
    }

    static void run(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        EventColumns keyed = DemoGenerator.generateColumns(events, 42);
        KeyColumns k = keyed.keys();
        // the same events with the contact keys only, and with none
        EventColumns contacts = keyed.withKeys(new KeyColumns(k.email(), k.phone(), null, null, k.values(), k.kinds()));
        EventColumns plain = keyed.withKeys(KeyColumns.NONE);
        System.out.printf(Locale.ROOT, "generated %,d events (%,d identities, %,d keys) in %.2f s%n", keyed.size(),
                keyed.identities().length, k.size(), (System.nanoTime() - t0) / 1e9);
        measure("former stitching (no keys)", rounds, () -> LegacyStitching.resolve(plain, true, TaskContext.NONE));
        measure("identity graph, no keys", rounds,
                () -> IdentityResolver.resolve(plain, IdentitySettings.DEFAULT, TaskContext.NONE));
        IdentityResolution r = measure("identity graph, e-mail + phone keys", rounds,
                () -> IdentityResolver.resolve(contacts, IdentitySettings.DEFAULT, TaskContext.NONE));
        System.out.printf(Locale.ROOT, "  persons %,d, joined %s, account merges %,d%n", r.personCount(),
                r.report().joined(), r.report().accountMergeCount());
        IdentityResolution prob = measure("identity graph, keys + probable links (0.9)", Math.min(rounds, 3),
                () -> IdentityResolver.resolve(keyed, IdentitySettings.DEFAULT.withProbabilistic(true)
                        .withThreshold(0.9), TaskContext.NONE));
        System.out.printf(Locale.ROOT, "  persons %,d, probable links %,d%n", prob.personCount(),
                prob.report().probableLinks().size());
    }

    private static <T> T measure(String name, int rounds, java.util.function.Supplier<T> body) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        T last = null;
        for (int r = -2; r < rounds; r++) {
            last = null;
            long a = System.nanoTime();
            long c = mx.getCurrentThreadCpuTime();
            last = body.get();
            if (r >= 0) {
                wall[r] = (System.nanoTime() - a) / 1e9;
                cpu[r] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "%-45s wall %.3f s, CPU %.3f s (medians of %d)%n", name, median(wall),
                median(cpu), rounds);
        return last;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
