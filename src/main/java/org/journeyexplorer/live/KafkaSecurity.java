package org.journeyexplorer.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach a company cluster: TLS with a truststore, SASL PLAIN or SCRAM with a user name and password.
 *
 * <p>Passwords live in memory only, as {@code char[]}: Journey Explorer never writes them to the project, the
 * preferences or a log. The app asks for them when it connects, the CLI reads them from an environment variable or
 * the console. {@link #withoutSecrets()} is what may be saved.
 *
 * @param protocol            PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param truststore          trusted certificates (JKS, PKCS12 or PEM, by extension), or null for the JVM's own
 * @param truststorePassword  its password, or null (PEM files and many PKCS12 truststores need none)
 * @param mechanism           PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (for the SASL protocols)
 * @param user                SASL user name, or null
 * @param password            SASL password, or null
 */
public record KafkaSecurity(Protocol protocol, Path truststore, char[] truststorePassword, Mechanism mechanism,
                            String user, char[] password) {

    /** Security protocols, as Kafka names them. */
    public enum Protocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean tls() {
            return this == SSL || this == SASL_SSL;
        }

        /** Parses {@code plaintext|ssl|sasl_plaintext|sasl_ssl} (any case, {@code -} for {@code _}). */
        public static Protocol parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--security takes plaintext, ssl, sasl_plaintext or sasl_ssl, not '"
                        + s + "'");
            }
        }
    }

    /** SASL mechanisms with a user name and password. */
    public enum Mechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka uses, e.g. {@code SCRAM-SHA-256}. */
        public String kafkaName() {
            return kafkaName;
        }

        @Override
        public String toString() {
            return kafkaName;
        }

        /** Parses {@code plain|scram-sha-256|scram-sha-512} (any case). */
        public static Mechanism parse(String s) {
            for (Mechanism m : values()) {
                if (m.kafkaName.equalsIgnoreCase(s.strip()) || m.name().equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--mechanism takes plain, scram-sha-256 or scram-sha-512, not '" + s
                    + "'");
        }
    }

    /** No security: a local or test broker. */
    public static final KafkaSecurity NONE = new KafkaSecurity(Protocol.PLAINTEXT, null, null, Mechanism.PLAIN, null,
            null);

    public KafkaSecurity {
        protocol = protocol == null ? Protocol.PLAINTEXT : protocol;
        mechanism = mechanism == null ? Mechanism.PLAIN : mechanism;
        user = user == null || user.isBlank() ? null : user.strip();
    }

    /**
     * Checks what a person could get wrong before any connection is tried.
     *
     * @return a one-line problem, or null when the settings are complete
     */
    public String problem() {
        if (protocol.sasl() && user == null) {
            return "Enter the user name for " + mechanism.kafkaName() + " sign-in.";
        }
        if (protocol.sasl() && (password == null || password.length == 0)) {
            return "Enter the password of " + user + ".";
        }
        if (truststore != null && !Files.isRegularFile(truststore)) {
            return "The truststore " + truststore + " does not exist.";
        }
        return null;
    }

    /** The same settings without any password: what may be saved with a project. */
    public KafkaSecurity withoutSecrets() {
        return new KafkaSecurity(protocol, truststore, null, mechanism, user, null);
    }

    /** The same settings with the passwords given (e.g. typed into the connect dialog). */
    public KafkaSecurity withPasswords(char[] saslPassword, char[] truststorePass) {
        return new KafkaSecurity(protocol, truststore, truststorePass, mechanism, user, saslPassword);
    }

    /** Whether connecting needs a password that is not there (settings read back from a project). */
    public boolean needsPassword() {
        return protocol.sasl() && (password == null || password.length == 0);
    }

    /** The client settings these stand for. */
    Map<String, Object> clientProperties() {
        Map<String, Object> p = new TreeMap<>();
        p.put("security.protocol", protocol.name());
        if (protocol.tls() && truststore != null) {
            p.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
            String name = truststore.getFileName().toString().toLowerCase(Locale.ROOT);
            p.put("ssl.truststore.type", name.endsWith(".pem") || name.endsWith(".crt") ? "PEM"
                    : name.endsWith(".jks") ? "JKS" : "PKCS12");
            if (truststorePassword != null && truststorePassword.length > 0) {
                p.put("ssl.truststore.password", new String(truststorePassword));
            }
        }
        if (protocol.sasl()) {
            p.put("sasl.mechanism", mechanism.kafkaName());
            p.put("sasl.jaas.config", mechanism.loginModule + " required username=\"" + jaasQuote(user)
                    + "\" password=\"" + jaasQuote(password == null ? "" : new String(password)) + "\";");
        }
        return p;
    }

    /** JAAS option values are double-quoted; a quote or backslash inside must be escaped. */
    static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaSecurity k && protocol == k.protocol && java.util.Objects.equals(truststore,
                k.truststore) && Arrays.equals(truststorePassword, k.truststorePassword) && mechanism == k.mechanism
                && java.util.Objects.equals(user, k.user) && Arrays.equals(password, k.password);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(protocol, truststore, mechanism, user);
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return protocol + (user == null ? "" : " as " + user + " (" + mechanism + ")")
                + (truststore == null ? "" : ", truststore " + truststore);
    }
}
