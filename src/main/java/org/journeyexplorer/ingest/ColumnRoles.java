package org.journeyexplorer.ingest;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Guesses which column plays which role from its name (case-insensitive, ignoring {@code _ - : . } and spaces)
 * and, where names are ambiguous, from the sampled values. Candidate lists are in order of preference: e.g.
 * Snowplow's {@code event_name} beats its generic {@code event}.
 */
final class ColumnRoles {

    static final List<String> TIME = List.of("timetimestamp", "timestamp", "eventtimestamp", "eventtime",
            "completetimestamp", "collectortstamp", "derivedtstamp", "datetime", "eventdatetime", "time", "ts",
            "occurredat", "createdat", "receivedat", "sentat", "starttimestamp", "starttime", "endtimestamp",
            "endtime", "eventdate", "date", "day");
    static final List<String> OFFSET = List.of("timeframe", "timeoffset", "offsetms");
    static final List<String> EVENT = List.of("eventname", "conceptname", "activity", "activityname",
            "activityid", "eventtype", "event", "action", "eventaction", "type", "name",
            "itemid", "item", "productid", "pagename", "page", "screenname", "screen", "pageurl", "url");
    // no bare "device": it is usually the device type (mobile / desktop), which would merge everyone
    static final List<String> ANONYMOUS = List.of("anonymousid", "anonid", "anonymoususerid", "domainuserid",
            "deviceid", "cookieid", "clientid", "visitorid", "userpseudoid", "networkuserid", "distinctid",
            "anonymous");
    static final List<String> PERSON = List.of("userid", "caseconceptname", "caseid", "case", "customerid",
            "personid", "accountid", "memberid", "user", "customer", "uid", "sessionid", "visitid", "session");

    // identity columns: contact keys and device signals; each must also look right in the sample
    static final List<String> EMAIL = List.of("email", "emailaddress", "useremail", "contactemail", "customeremail",
            "mail", "emailid");
    static final List<String> PHONE = List.of("phone", "phonenumber", "mobile", "mobilenumber", "mobilephone",
            "cellphone", "msisdn", "telephone", "tel", "userphone", "customerphone");
    static final List<String> FINGERPRINT = List.of("fingerprint", "devicefingerprint", "browserfingerprint",
            "fingerprintid", "visitorfingerprint", "fpid");
    static final List<String> USER_AGENT = List.of("useragent", "ua", "contextuseragent", "browseruseragent",
            "httpuseragent", "useragentstring");
    static final List<String> IP = List.of("ip", "ipaddress", "userip", "useripaddress", "clientip", "contextip",
            "remoteaddr", "remoteip", "ipaddr", "sourceip");

    private ColumnRoles() {
    }

    /** Lower-case letters and digits only, so {@code user_id}, {@code userId} and {@code USER-ID} agree. */
    static String norm(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** Result of detection: the mapping and the description of the time format. */
    record Detected(ColumnMapping mapping, String timeFormat) {
    }

    static Detected detect(List<String> columns, List<Map<String, String>> sample, ZoneId zone) {
        Map<String, String> normToColumn = new HashMap<>();
        for (String c : columns) {
            normToColumn.putIfAbsent(norm(c), c);
        }
        // fields inside a JSON "properties" object answer to their own names, after the top-level ones
        for (String c : columns) {
            if (c.startsWith(JsonReader.PROPERTIES)) {
                normToColumn.putIfAbsent(norm(c.substring(JsonReader.PROPERTIES.length())), c);
            }
        }
        Set<String> used = new HashSet<>();
        TimeParser parser = new TimeParser(zone);

        String time = null;
        for (String cand : TIME) {
            String c = normToColumn.get(cand);
            if (c != null && parseRate(c, sample, parser, false) >= 0.5) {
                time = c;
                break;
            }
        }
        if (time == null) {
            // a column named like a time whose values read as times, then any column of date-shaped values
            for (String c : columns) {
                String n = norm(c);
                if ((n.contains("time") || n.contains("date") || n.contains("tstamp"))
                        && parseRate(c, sample, parser, false) >= 0.5) {
                    time = c;
                    break;
                }
            }
        }
        if (time == null) {
            for (String c : columns) {
                if (parseRate(c, sample, parser, true) >= 0.9) {
                    time = c;
                    break;
                }
            }
        }
        if (time != null) {
            used.add(time);
        }
        String offset = null;
        if (time != null) {
            for (String cand : OFFSET) {
                String c = normToColumn.get(cand);
                if (c != null && !used.contains(c) && numericRate(c, sample) >= 0.9) {
                    offset = c;
                    used.add(c);
                    break;
                }
            }
        }
        String event = pick(EVENT, normToColumn, used, sample, 0.01);
        // a user id may be empty in every sampled row (people log in later): the name is enough
        String anonymous = pick(ANONYMOUS, normToColumn, used, sample, -1);
        String person = null;
        if (anonymous != null) {
            person = pick(PERSON, normToColumn, used, sample, -1);
        } else {
            // without an anonymous id, a mostly empty user id (Diginetica: "NA") is worse than a session id
            person = pick(PERSON, normToColumn, used, sample, 0.5);
            if (person == null) {
                person = pick(PERSON, normToColumn, used, sample, 0.0);
            }
        }
        if (event == null) {
            event = pickContaining(columns, used, sample, "event", "activity", "action");
        }
        if (person == null && anonymous == null) {
            person = pickContaining(columns, used, sample, "userid", "caseid", "customerid", "sessionid");
        }
        if (anonymous == null && person == null) {
            anonymous = pickContaining(columns, used, sample, "anonymousid", "deviceid", "cookieid", "visitorid");
        }
        String email = pickShaped(EMAIL, normToColumn, used, sample, v -> KeyNormaliser.email(v, false) != null);
        String phone = pickShaped(PHONE, normToColumn, used, sample, ColumnRoles::looksLikePhone);
        String fingerprint = pickShaped(FINGERPRINT, normToColumn, used, sample, v -> v.length() >= 6);
        String userAgent = pickShaped(USER_AGENT, normToColumn, used, sample,
                v -> v.length() >= 10 && (v.contains("/") || v.contains("Mozilla")));
        String ip = pickShaped(IP, normToColumn, used, sample, v -> KeyNormaliser.ipPrefix(v) != null);
        return new Detected(new ColumnMapping(person, anonymous, time, offset, event, email, phone, fingerprint,
                userAgent, ip),
                time == null ? null : describeTime(time, offset, sample, zone));
    }

    /** The first candidate column present and filled in at least {@code minFill} of the sample (and at all,
     * unless {@code minFill} is negative: then the name alone decides). */
    private static String pick(List<String> candidates, Map<String, String> normToColumn, Set<String> used,
                               List<Map<String, String>> sample, double minFill) {
        for (String cand : candidates) {
            String c = normToColumn.get(cand);
            if (c != null && !used.contains(c)
                    && (minFill < 0 || (fillRate(c, sample) >= minFill && fillRate(c, sample) > 0))) {
                used.add(c);
                return c;
            }
        }
        return null;
    }

    /** The first candidate column present, filled somewhere, and whose values are mostly of the right shape. */
    private static String pickShaped(List<String> candidates, Map<String, String> normToColumn, Set<String> used,
                                     List<Map<String, String>> sample, Predicate<String> shaped) {
        for (String cand : candidates) {
            String c = normToColumn.get(cand);
            if (c != null && !used.contains(c) && fillRate(c, sample) > 0 && shareOf(c, sample, shaped) >= 0.8) {
                used.add(c);
                return c;
            }
        }
        return null;
    }

    /** Seven to fifteen digits with only the usual separators, a leading + or a trunk 0. */
    static boolean looksLikePhone(String v) {
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isDigit(ch)) {
                digits++;
            } else if ("+()-. /".indexOf(ch) < 0) {
                return false;
            }
        }
        return digits >= 7 && digits <= 15;
    }

    private static String pickContaining(List<String> columns, Set<String> used, List<Map<String, String>> sample,
                                         String... parts) {
        for (String part : parts) {
            for (String c : columns) {
                if (!used.contains(c) && norm(c).contains(part) && fillRate(c, sample) > 0) {
                    used.add(c);
                    return c;
                }
            }
        }
        return null;
    }

    static double fillRate(String column, List<Map<String, String>> sample) {
        if (sample.isEmpty()) {
            return 0;
        }
        int filled = 0;
        for (Map<String, String> row : sample) {
            if (!Values.isMissing(row.get(column))) {
                filled++;
            }
        }
        return filled / (double) sample.size();
    }

    private static double numericRate(String column, List<Map<String, String>> sample) {
        return shareOf(column, sample, v -> Values.parseLongOrNull(v) != null);
    }

    /** Share of the non-missing sampled values of {@code column} that, trimmed, satisfy {@code ok}. */
    private static double shareOf(String column, List<Map<String, String>> sample, Predicate<String> ok) {
        int n = 0;
        int yes = 0;
        for (Map<String, String> row : sample) {
            String v = row.get(column);
            if (Values.isMissing(v)) {
                continue;
            }
            n++;
            if (ok.test(v.trim())) {
                yes++;
            }
        }
        return n == 0 ? 0 : yes / (double) n;
    }

    /**
     * Share of the non-missing sampled values of {@code column} that read as timestamps. With {@code strict},
     * plain numbers only count when they look like a recent epoch (ids would otherwise read as 1970 seconds).
     */
    private static double parseRate(String column, List<Map<String, String>> sample, TimeParser parser,
                                    boolean strict) {
        return shareOf(column, sample, v -> {
            if (strict) {
                Long asLong = Values.parseLongOrNull(v);
                if (asLong != null && (asLong < 946_684_800L || v.length() < 9)) {
                    return false;
                }
                if (v.length() < 8) {
                    return false;
                }
            }
            return parser.parse(v) != TimeParser.INVALID;
        });
    }

    /** The most common shape of the sampled times, e.g. "yyyy-MM-dd HH:mm:ss (no zone → UTC)". */
    static String describeTime(String time, String offset, List<Map<String, String>> sample, ZoneId zone) {
        TimeParser parser = new TimeParser(zone);
        Map<String, Integer> counts = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Map<String, String> row : sample) {
            String v = row.get(time);
            if (Values.isMissing(v)) {
                continue;
            }
            String shape = parser.describe(v);
            if (shape == null) {
                continue;
            }
            if (counts.merge(shape, 1, Integer::sum) == 1) {
                order.add(shape);
            }
        }
        String best = null;
        for (String s : order) {
            if (best == null || counts.get(s) > counts.get(best)) {
                best = s;
            }
        }
        if (best == null) {
            return "unknown (no readable time in the first rows of " + time + ")";
        }
        StringBuilder sb = new StringBuilder(best);
        if (best.endsWith("±HH:MM") || best.endsWith("±HHMM") || best.endsWith("±HH")) {
            sb.append(" (offset in each value)");
        } else if (best.endsWith("Z") || best.endsWith(" UTC")) {
            sb.append(" (UTC)");
        } else if (best.startsWith("epoch")) {
            sb.append(" (UTC)");
        }
        if (order.size() > 1) {
            sb.append(", and ").append(order.size() - 1).append(" other shape").append(order.size() > 2 ? "s" : "");
        }
        if (offset != null) {
            sb.append(" + milliseconds in ").append(offset);
        }
        return sb.toString();
    }

    /** Column names in a message: the first few, then a count. */
    static String list(List<String> columns) {
        int max = 12;
        String head = String.join(", ", columns.subList(0, Math.min(max, columns.size())));
        return columns.size() > max ? head + ", … (" + columns.size() + " columns)" : head;
    }
}
