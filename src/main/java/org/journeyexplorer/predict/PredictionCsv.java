package org.journeyexplorer.predict;

import org.journeyexplorer.predict.portable.NextStep;

import java.util.List;
import java.util.Locale;

/** CSV renderings of prediction results for File ▸ Export (RFC 4180 quoting, '.' decimals). */
public final class PredictionCsv {
    private PredictionCsv() {
    }

    /** {@code state,visits,conversion,expected_steps,removal_effect,ci_low,ci_high}; one row per state. */
    public static String conversion(ConversionAnalysis.Result r) {
        StringBuilder b = new StringBuilder("goal,state,visits,conversion,expected_steps,removal_effect,ci_low,ci_high\n");
        for (ConversionAnalysis.StateRow s : r.states()) {
            ConversionAnalysis.RemovalEffect e = r.removalEffects().stream().filter(x -> x.type() == s.type())
                    .findFirst().orElse(null);
            b.append(quote(r.goalName())).append(',').append(quote(s.name())).append(',').append(s.visits())
                    .append(',').append(num(s.conversion())).append(',').append(num(s.expectedSteps())).append(',')
                    .append(e == null ? "" : num(e.effect())).append(',').append(e == null ? "" : num(e.low()))
                    .append(',').append(e == null ? "" : num(e.high())).append('\n');
        }
        return b.toString();
    }

    /** {@code rank,next_step,probability}; the end of the session is "(leaves)". */
    public static String nextSteps(List<String> prefix, List<NextStep> steps) {
        StringBuilder b = new StringBuilder("prefix,rank,next_step,probability\n");
        String p = quote(String.join(" > ", prefix));
        for (int i = 0; i < steps.size(); i++) {
            b.append(p).append(',').append(i + 1).append(',').append(quote(steps.get(i).name())).append(',')
                    .append(num(steps.get(i).probability())).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
