package org.journeyexplorer.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How event types become the labels an analysis shows: ordered rename rules first (so grouping happens before
 * everything else), then exclusions. A type is excluded when its original name or its label is in
 * {@code excluded}; excluded events vanish from sequences like events outside the {@link Selection}.
 */
public record EventLabeling(List<RenameRule> rules, Set<String> excluded) {
    /** No renames, no exclusions. */
    public static final EventLabeling NONE = new EventLabeling(List.of(), Set.of());

    public EventLabeling {
        rules = List.copyOf(rules);
        excluded = Set.copyOf(excluded);
    }

    /** Resolves the labeling against a frame's type dictionary. */
    public Labels resolve(EventFrame frame) {
        List<Pattern> patterns = new ArrayList<>(rules.size());
        for (RenameRule r : rules) {
            patterns.add(r.pattern());
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] ofType = new int[frame.typeCount()];
        for (int t = 0; t < ofType.length; t++) {
            String original = frame.typeNames[t];
            String label = original;
            for (int r = 0; r < patterns.size(); r++) {
                if (patterns.get(r).matcher(original).matches()) {
                    label = rules.get(r).label();
                    break;
                }
            }
            if (excluded.contains(original) || excluded.contains(label)) {
                ofType[t] = -1;
                continue;
            }
            Integer id = index.get(label);
            if (id == null) {
                id = names.size();
                index.put(label, id);
                names.add(label);
            }
            ofType[t] = id;
        }
        return new Labels(ofType, names.toArray(new String[0]));
    }
}
