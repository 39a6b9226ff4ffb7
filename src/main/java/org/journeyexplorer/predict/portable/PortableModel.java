package org.journeyexplorer.predict.portable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained next-step model as it travels in a model file (see {@code predict/portable/MODEL-FORMAT.md}): the event
 * dictionary, the model, the session rule it was trained under, the conversion chain towards a goal event, and
 * how well it predicted. {@link #score} is what the desktop app's {@code predict} and the streaming job both call,
 * so they give the same numbers for the same prefix. Immutable; {@code score} is safe to call from several
 * threads (each call allocates its own working state, or uses the caller's {@link Scratch}, one per thread).
 */
public final class PortableModel {
    /** Value of the file's {@code format} field. */
    public static final String FORMAT = "journey-explorer-next-step-model";
    /** Version of the file format this code writes (it also reads {@link #OLDEST_READABLE_VERSION} on). */
    public static final int VERSION = 3;
    /** Version 1 files (Markov models only) are still read. */
    public static final int OLDEST_READABLE_VERSION = 1;

    /**
     * The session rule the model was trained under.
     *
     * @param timeoutMicros new session when the gap to the previous event is strictly greater than this
     * @param stitch        whether a person's devices were stitched into one identity
     * @param startEvents   event names that always start a new session
     * @param endEvents     event names that always end a session
     * @param maxLengthMicros longest session (0: no limit)
     */
    public record SessionRule(long timeoutMicros, boolean stitch, List<String> startEvents, List<String> endEvents,
                              long maxLengthMicros) {
        public SessionRule {
            startEvents = List.copyOf(startEvents);
            endEvents = List.copyOf(endEvents);
        }
    }

    /**
     * Conversion towards a goal event as an absorbing chain over the order-1 transitions.
     *
     * @param goal        goal event name
     * @param start       probability of reaching the goal from the start of a session
     * @param byLastEvent probability of reaching it after each event type (by index; 1 for the goal)
     */
    public record Conversion(String goal, double start, double[] byLastEvent) {
    }

    /** An event attribute the model uses: its name and value dictionary (value index = position). */
    public record Attribute(String name, List<String> values) {
        public Attribute {
            values = List.copyOf(values);
        }
    }

    /**
     * What {@link #score} returns.
     *
     * @param next       the most probable next steps, most probable first ("(leaves)" for the session's end)
     * @param conversion probability that the session reaches the goal (1 once it has), or NaN without a chain
     * @param skipped    events of the prefix not in the model's dictionary, left out of the prefix
     */
    public record Scored(List<NextStep> next, double conversion, int skipped) {
    }

    private final List<String> events;
    private final Map<String, Integer> index;
    private final NextStepScorer scorer;
    private final String description;
    private final boolean usesBaseline;
    private final List<Attribute> attributes;
    private final SessionRule sessionRule;
    private final Conversion conversion;
    private final Map<String, Object> evaluation;
    private final Map<String, Object> source;
    /** Type index of the conversion goal (-1 without a chain, or when the goal is not in the dictionary). */
    private final int goalType;

    /**
     * @param events       event names by type index (the dictionary); the end is index {@code events.size()}
     * @param scorer       the model ({@link MarkovScorer} or {@link BoostedScorer}, possibly in a {@link BlendScorer})
     * @param description  the model in words
     * @param usesBaseline whether this is the most-frequent-next baseline because nothing richer beat it
     * @param conversion   conversion chain, or null
     * @param evaluation   evaluation figures (name → number, text or boolean), as measured
     * @param source       where it was trained (name → value), for people
     */
    public PortableModel(List<String> events, NextStepScorer scorer, String description, boolean usesBaseline,
                         List<Attribute> attributes, SessionRule sessionRule, Conversion conversion,
                         Map<String, Object> evaluation, Map<String, Object> source) {
        if (scorer.outcomes() != Math.max(1, events.size()) + 1) {
            throw new IllegalArgumentException("the model has " + (scorer.outcomes() - 1) + " event types, the "
                    + "dictionary " + events.size());
        }
        if (conversion != null && conversion.byLastEvent().length != events.size()) {
            throw new IllegalArgumentException("the conversion chain does not match the dictionary");
        }
        this.events = List.copyOf(events);
        this.index = new HashMap<>();
        for (int i = 0; i < this.events.size(); i++) {
            index.putIfAbsent(this.events.get(i), i);
        }
        this.scorer = scorer;
        this.description = description;
        this.usesBaseline = usesBaseline;
        this.attributes = List.copyOf(attributes);
        this.sessionRule = sessionRule;
        this.conversion = conversion;
        this.evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        this.source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        this.goalType = conversion == null ? -1 : typeIndex(conversion.goal());
    }

    /** Event names by type index. */
    public List<String> events() {
        return events;
    }

    /** Type index of an event name, or -1. */
    public int typeIndex(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public NextStepScorer scorer() {
        return scorer;
    }

    public String description() {
        return description;
    }

    public boolean usesBaseline() {
        return usesBaseline;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public SessionRule sessionRule() {
        return sessionRule;
    }

    /** The conversion chain, or null. */
    public Conversion conversion() {
        return conversion;
    }

    public Map<String, Object> evaluation() {
        return evaluation;
    }

    public Map<String, Object> source() {
        return source;
    }

    /**
     * Scores the next step after a session's events so far.
     *
     * @param prefix      event names of the session so far, oldest first (names not in the dictionary are left
     *                    out, as the app leaves out hidden events)
     * @param timesMicros their times in µs since the epoch (UTC), or null: without times the time features are
     *                    left out, exactly as the desktop {@code predict} command scores a typed prefix
     * @param top         how many next steps to return
     */
    public Scored score(List<String> prefix, long[] timesMicros, int top) {
        int[] seq = new int[prefix.size()];
        long[] times = timesMicros == null ? null : new long[prefix.size()];
        int n = 0;
        for (int i = 0; i < prefix.size(); i++) {
            int t = typeIndex(prefix.get(i));
            if (t >= 0) {
                if (times != null) {
                    times[n] = timesMicros[i];
                }
                seq[n++] = t;
            }
        }
        Scratch s = new Scratch();
        score(seq, n, times, top, s);
        List<NextStep> next = new ArrayList<>(s.count());
        for (int i = 0; i < s.count(); i++) {
            int y = s.type(i);
            next.add(y == events.size() ? new NextStep(NextStep.END, NextStep.END_NAME, s.probability(i))
                    : new NextStep(y, events.get(y), s.probability(i)));
        }
        return new Scored(next, s.conversion(), prefix.size() - n);
    }

    /**
     * Scores the prefix {@code seq[0..length)} of type indices ({@link #typeIndex}; unknown names already left
     * out) into {@code out}, allocating nothing for a Markov model: the same numbers as
     * {@link #score(List, long[], int)} for the same prefix, for a caller that scores every event of a stream.
     *
     * @param times their times in µs, or null (see {@link #score(List, long[], int)})
     * @param out   this thread's working state, which receives the result
     */
    public void score(int[] seq, int length, long[] times, int top, Scratch out) {
        scorer.distribution(seq, times, null, length, out.distribution, out.work);
        if (out.top.length < top) {
            out.top = new int[top];
        }
        out.count = out.distribution.top(top, out.top);
        out.conversion = conversion(seq, length);
    }

    /** Fresh working state for {@link #score(int[], int, long[], int, Scratch)}, to keep and reuse on one thread. */
    public Scratch newScratch() {
        return new Scratch();
    }

    /** Working state and result of {@link #score(int[], int, long[], int, Scratch)}; one per thread, reused. */
    public final class Scratch {
        private final Distribution distribution = scorer.newDistribution();
        private final Distribution work = scorer.newDistribution();
        private int[] top = new int[0];
        private int count;
        private double conversion = Double.NaN;

        /** Number of next steps of the last score (at most the {@code top} asked for). */
        public int count() {
            return count;
        }

        /** The i-th most probable next step's type index; {@link #events()}{@code .size()} for the end. */
        public int type(int i) {
            return top[i];
        }

        /** The i-th next step's event name, or null for the session's end. */
        public String name(int i) {
            return top[i] == events.size() ? null : events.get(top[i]);
        }

        /** The i-th next step's probability. */
        public double probability(int i) {
            return distribution.get(top[i]);
        }

        /** See {@link Scored#conversion()}. */
        public double conversion() {
            return conversion;
        }
    }

    /** The {@code k} most probable outcomes of a distribution from this model, as next steps. */
    public List<NextStep> top(Distribution d, int k) {
        List<NextStep> out = new ArrayList<>();
        for (int y : d.top(k)) {
            out.add(y == events.size() ? new NextStep(NextStep.END, NextStep.END_NAME, d.get(y))
                    : new NextStep(y, events.get(y), d.get(y)));
        }
        return out;
    }

    /** Probability of reaching the goal after these event types: 1 once the goal occurred, NaN without a chain. */
    public double conversion(int[] seq) {
        return conversion(seq, seq.length);
    }

    /** As {@link #conversion(int[])} for the prefix {@code seq[0..length)}. */
    public double conversion(int[] seq, int length) {
        if (conversion == null) {
            return Double.NaN;
        }
        for (int i = 0; i < length; i++) {
            if (seq[i] == goalType) {
                return 1;
            }
        }
        return length == 0 ? conversion.start() : conversion.byLastEvent()[seq[length - 1]];
    }
}
