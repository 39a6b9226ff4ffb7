package org.journeyexplorer.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;

/**
 * Normalises the values of identity columns before they are hashed, so that the same person's key is the same
 * text however it was typed:
 * <ul>
 *   <li><b>E-mail</b>: surrounding and inner white space removed, a {@code mailto:} prefix dropped, lower case;
 *       with {@link Options#stripPlusTags} the {@code +tag} of the local part is dropped
 *       ({@code Ann+shop@X.org} → {@code ann@x.org}), since it reaches the same mailbox. Values without exactly one
 *       {@code @} and a dot in the domain are not e-mail addresses: no key.</li>
 *   <li><b>Phone</b>: E.164 ({@code +4915123456789}) by libphonenumber; numbers without a country code are read in
 *       {@link Options#phoneRegion}; values that are not a possible number for their country give no key.</li>
 *   <li><b>IP</b>: only the network prefix is kept, {@code /24} of IPv4 and {@code /48} of IPv6, because one
 *       device's address changes within its network.</li>
 *   <li><b>Fingerprint, user agent</b>: white space at the ends removed.</li>
 * </ul>
 */
public final class KeyNormaliser {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private KeyNormaliser() {
    }

    /**
     * How identity values are normalised at import; recorded with each import.
     *
     * @param stripPlusTags drop the {@code +tag} of e-mail addresses
     * @param phoneRegion   two-letter region (ISO 3166) for phone numbers without a country code, or null to key
     *                      only numbers written with one
     */
    public record Options(boolean stripPlusTags, String phoneRegion) {
        /** Plus tags dropped, phone numbers read in the region of this computer's locale. */
        public static final Options DEFAULT = new Options(true, localRegion());

        public Options {
            if (phoneRegion != null) {
                phoneRegion = phoneRegion.strip().toUpperCase(Locale.ROOT);
                if (phoneRegion.isEmpty()) {
                    phoneRegion = null;
                } else if (!PHONES.getSupportedRegions().contains(phoneRegion)) {
                    throw new IllegalArgumentException("'" + phoneRegion + "' is not a region with phone numbers;"
                            + " use a two-letter country code such as US, DE or GB.");
                }
            }
        }

        public Options withStripPlusTags(boolean b) {
            return new Options(b, phoneRegion);
        }

        /**
         * The options as an import recorded them: the {@code "keys"} object of its settings JSON
         * ({@code {"stripPlusTags": true, "phoneRegion": "DE"}}); {@link #DEFAULT} when absent or unreadable.
         */
        public static Options fromSettingsJson(String settingsJson) {
            if (settingsJson == null) {
                return DEFAULT;
            }
            try {
                var k = new com.fasterxml.jackson.databind.ObjectMapper().readTree(settingsJson).get("keys");
                if (k == null || !k.isObject()) {
                    return DEFAULT;
                }
                return new Options(k.path("stripPlusTags").asBoolean(true),
                        k.hasNonNull("phoneRegion") ? k.get("phoneRegion").asText() : null);
            } catch (java.io.IOException | IllegalArgumentException e) {
                return DEFAULT; // settings this build cannot read: the defaults
            }
        }

        public Options withPhoneRegion(String r) {
            return new Options(stripPlusTags, r);
        }

        private static String localRegion() {
            String c = Locale.getDefault().getCountry();
            return c != null && PHONES.getSupportedRegions().contains(c) ? c : null;
        }
    }

    /** The regions (ISO 3166 two-letter codes) {@link Options#phoneRegion} accepts, sorted. */
    public static java.util.List<String> phoneRegions() {
        return new java.util.TreeSet<>(PHONES.getSupportedRegions()).stream().toList();
    }

    /** The normalised e-mail address, or null when {@code raw} is not one. */
    public static String email(String raw, boolean stripPlusTags) {
        if (raw == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (!Character.isWhitespace(ch) && ch != '\u00a0') {
                sb.append(ch);
            }
        }
        String s = sb.toString().toLowerCase(Locale.ROOT);
        if (s.startsWith("mailto:")) {
            s = s.substring(7);
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return null;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        int dot = domain.indexOf('.');
        if (dot <= 0 || domain.endsWith(".") || domain.contains("..")) {
            return null;
        }
        if (stripPlusTags) {
            int plus = local.indexOf('+');
            if (plus == 0) {
                return null;
            }
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        return local + "@" + domain;
    }

    /** The phone number in E.164, or null when {@code raw} is not a possible number. */
    public static String phone(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        if (s.startsWith("00")) {
            s = "+" + s.substring(2); // the international prefix most of the world dials
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(s, region == null ? "ZZ" : region);
            if (!PHONES.isPossibleNumber(n)) {
                return null;
            }
            return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The network prefix of an IP address ({@code 203.0.113.0/24}, {@code 2001:db8:1::/48}), or null. */
    public static String ipPrefix(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int[] v4 = ipv4(s);
        if (v4 != null) {
            return v4[0] + "." + v4[1] + "." + v4[2] + ".0/24";
        }
        int[] v6 = ipv6(s);
        if (v6 != null) {
            return Integer.toHexString(v6[0]) + ":" + Integer.toHexString(v6[1]) + ":" + Integer.toHexString(v6[2])
                    + "::/48";
        }
        return null;
    }

    /** White space at the ends removed; null for a blank value. */
    public static String plain(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        return s.isEmpty() ? null : s;
    }

    /**
     * Four dot-separated parts of one to three digits, each at most 255. Read char by char: a stream stores every
     * event's address, and splitting by a pattern was a fifth of its commit thread's time.
     */
    private static int[] ipv4(String s) {
        int[] out = new int[4];
        int part = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                out[part++] = value;
                digits = 0;
                value = 0;
            } else if (Character.isDigit(ch) && digits < 3) {
                value = value * 10 + Character.digit(ch, 10);
                digits++;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0) {
            return null;
        }
        out[3] = value;
        for (int v : out) {
            if (v > 255) {
                return null;
            }
        }
        return out;
    }

    /** The first three 16-bit groups of an IPv6 address, or null. */
    private static int[] ipv6(String s) {
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct); // zone id
        }
        if (s.indexOf(':') < 0 || s.indexOf(":::") >= 0) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        String[] h = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] t = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        int groups = h.length + t.length;
        if (dbl < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        int[] all = new int[8];
        for (int i = 0; i < h.length; i++) {
            Integer g = group(h[i]);
            if (g == null) {
                return null;
            }
            all[i] = g;
        }
        for (int i = 0; i < t.length; i++) {
            boolean last = i == t.length - 1;
            if (last && t[i].contains(".")) {
                return ipv4(t[i]) == null || groups > 7 ? null : new int[]{all[0], all[1], all[2]};
            }
            Integer g = group(t[i]);
            if (g == null) {
                return null;
            }
            all[8 - t.length + i] = g;
        }
        return new int[]{all[0], all[1], all[2]};
    }

    private static Integer group(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return null;
        }
        try {
            return Integer.parseInt(g, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
