package org.journeyexplorer.store;

import org.journeyexplorer.domain.KeyColumns;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Replaces identities by keyed pseudonyms: the first 80 bits of HMAC-SHA256(project key, id) as 20 hex digits.
 * The same id gets the same pseudonym in every import of the project, so persons still join across files; without
 * the key nobody can tell which id a pseudonym stands for (short of guessing ids and the 256-bit key). Dropping the
 * key ({@link ProjectStore#dropPseudonymKey()}) makes that permanent. Not thread-safe; one per import.
 */
public final class Pseudonymizer {
    private final Mac mac;
    private final byte[] key;
    private final Map<String, String> cache = new HashMap<>();
    private final Map<String, String> keyCache = new HashMap<>();

    Pseudonymizer(byte[] key) {
        this.key = key.clone();
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code other} hashes with the same key (so gives the same pseudonyms and key hashes). */
    public boolean sameKey(Pseudonymizer other) {
        return other != null && java.security.MessageDigest.isEqual(key, other.key);
    }

    /** The pseudonym of an id; null stays null. */
    public String pseudonym(String id) {
        if (id == null) {
            return null;
        }
        // distinct ids are far fewer than events: hash each once
        return cache.computeIfAbsent(id, v -> {
            byte[] h = mac.doFinal(v.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 10);
        });
    }

    /**
     * The stored form of an identity key: HMAC-SHA256(project key, kind name + NUL + normalised value), first 80
     * bits as 20 hex digits. The kind is part of the input, so an e-mail address and a fingerprint with the same
     * text never share a key. Null stays null.
     */
    public String keyHash(byte kind, String normalised) {
        if (normalised == null) {
            return null;
        }
        String input = KeyColumns.kindName(kind) + '\u0000' + normalised;
        return keyCache.computeIfAbsent(input, v -> {
            byte[] h = mac.doFinal(v.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 10);
        });
    }
}
