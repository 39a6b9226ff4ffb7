package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.live.DemoPublisher;
import org.journeyexplorer.live.KafkaSecurity;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.LiveStatus;
import org.journeyexplorer.live.LiveStream;
import org.journeyexplorer.live.ProjectSink;
import org.journeyexplorer.live.SavedStream;
import org.journeyexplorer.live.StartFrom;
import org.journeyexplorer.live.TopicPreview;
import org.journeyexplorer.project.ProjectSession;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The streaming commands: {@code live} streams a Kafka topic into a project (the same {@link LiveStream} as the
 * app's File ▸ Connect to a stream…) and prints a summary; {@code generate-demo --kafka} publishes the demo journeys
 * to a topic. Passwords never go on the command line (other users see it in the process list): the SASL password
 * comes from {@value #PASSWORD_ENV} or is asked for on the console, the truststore's from
 * {@value #TRUSTSTORE_PASSWORD_ENV}.
 */
final class LiveCommands {
    static final String PASSWORD_ENV = "JE_KAFKA_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_ENV = "JE_KAFKA_TRUSTSTORE_PASSWORD";
    private static final int SAMPLE = 200;
    private static final Set<String> SECURITY = Set.of("--security", "--truststore", "--mechanism", "--user");

    private LiveCommands() {
    }

    /**
     * {@code live --project P --bootstrap B --topic T [--group G] [--from earliest|latest|stored] [--until-idle 10s]
     * [--json] [--map role=field …] [--timezone Z] [--security …] [--truststore F] [--mechanism M] [--user U]}.
     */
    static int live(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("live", err, () -> {
            CommandArgs a = CommandArgs.parse(args, CommandArgs.with(SECURITY, "--project", "--bootstrap", "--topic",
                    "--group", "--from", "--until-idle", "--map", "--timezone"), Set.of("--json"));
            Path project = a.path("--project");
            KafkaSource source = new KafkaSource(a.required("--bootstrap"), a.required("--topic"),
                    a.value("--group", null), from(a), security(a));
            String problem = source.problem();
            if (problem != null) {
                throw new UsageException(problem);
            }
            long idleMicros = a.durationMicros("--until-idle", 0);
            Map<String, String> map = ImportCommand.parseMap(a);
            ZoneId zone = ImportCommand.zone(a);
            try (ProjectSession session = ProjectSession.openOrCreate(project)) {
                ImportPlan plan = plan(session, source, map, zone, idleMicros);
                session.saveStreamSettings(SavedStream.of(source, plan).toJson());
                return run(session, source, plan, Duration.ofNanos(idleMicros * 1000), a.flag("--json"), out, err);
            }
        });
    }

    /** The saved mapping of this topic, else one detected from its first messages; {@code --map} wins. */
    private static ImportPlan plan(ProjectSession session, KafkaSource source, Map<String, String> map, ZoneId zone,
                                   long idleMicros) {
        Duration wait = Duration.ofSeconds(Math.max(5, idleMicros / 1_000_000));
        List<byte[]> first = TopicPreview.firstMessages(source, SAMPLE, wait, TaskContext.NONE);
        Optional<SavedStream> saved = session.streamSettings().flatMap(SavedStream::fromJson)
                .filter(s -> s.source().topic().equals(source.topic())
                        && s.source().bootstrap().equals(source.bootstrap()));
        ImportPlan plan = saved.isPresent() && map.isEmpty() ? saved.get().plan(first)
                : JsonMessages.inspect(source.describe(), first, zone);
        plan = ImportCommand.applyMapping(plan, map, source.describe());
        String missing = JsonMessages.missingRole(plan);
        if (missing != null) {
            throw new UserFacingException(missing.replace("Choose the field", "Name the field with --map")
                    .replace(".", "") + " (fields: " + String.join(", ", plan.columns()) + ").");
        }
        return plan;
    }

    private static int run(ProjectSession session, KafkaSource source, ImportPlan plan, Duration untilIdle,
                           boolean json, PrintStream out, PrintStream err) throws InterruptedException {
        LiveStream stream = new LiveStream(source, plan, new ProjectSink(session), LiveStream.Options.DEFAULT);
        Thread hook = new Thread(stream::close, "live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        long nextReport = started + 5_000_000_000L;
        stream.start();
        try {
            while (true) {
                if (stream.awaitEnd(Duration.ofMillis(200))) {
                    break;
                }
                LiveStatus s = stream.status();
                if (!untilIdle.isZero() && stream.idleMillis() >= untilIdle.toMillis()
                        && (s.state() == LiveStatus.State.RUNNING && s.lag() == 0
                        || s.state() != LiveStatus.State.RUNNING && s.batches() == 0 && s.events() == 0)) {
                    break;
                }
                if (!json && System.nanoTime() >= nextReport) {
                    nextReport += 5_000_000_000L;
                    err.println(progress(s));
                }
            }
        } finally {
            stream.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down (Ctrl+C): the hook closes the stream
            }
        }
        LiveStatus s = stream.status();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("state", s.state().name().toLowerCase(Locale.ROOT));
            o.put("events", s.events());
            o.put("rejected", s.rejected());
            o.put("batches", s.batches());
            o.put("lag", s.lag());
            o.put("seconds", Math.round(seconds * 10) / 10.0);
            o.put("projectEvents", session.eventCount());
            o.put("source", s.sourceKey());
            if (s.state() == LiveStatus.State.FAILED) {
                o.put("error", s.message());
            }
            out.println(o);
        } else {
            out.printf(Locale.ROOT, "Streamed %s into %s: %,d events, %,d rejected in %,d batches (%.1f s); the"
                            + " project holds %,d events.%n", source.describe(), session.name(), s.events(),
                    s.rejected(), s.batches(), seconds, session.eventCount());
        }
        if (s.state() == LiveStatus.State.FAILED) {
            err.println(s.message());
            return Guard.FAILED;
        }
        if (s.batches() == 0 && s.lag() < 0) {
            err.println("Kafka at " + source.bootstrap() + " did not answer within " + untilIdle.toSeconds()
                    + " s; nothing was stored.");
            return Guard.FAILED;
        }
        return 0;
    }

    private static String progress(LiveStatus s) {
        return String.format(Locale.ROOT, "%s: %,d events, %,d rejected, %,.0f events/s, lag %s", s.state().label(),
                s.events(), s.rejected(), s.eventsPerSecond(), s.lag() < 0 ? "?" : String.format(Locale.ROOT, "%,d",
                        s.lag()));
    }

    /** {@code generate-demo --kafka B --topic T [--rate N] [--events N] [--seed S] [--security …]}. */
    static int generateDemo(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("generate-demo", err, () -> {
            CommandArgs a = CommandArgs.parse(args, CommandArgs.with(SECURITY, "--kafka", "--topic", "--rate",
                    "--events", "--seed"), Set.of());
            KafkaSource target = new KafkaSource(a.required("--kafka"), a.required("--topic"), null, null,
                    security(a));
            String problem = target.problem();
            if (problem != null) {
                throw new UsageException(problem.replace("bootstrap servers", "broker (--kafka host:port)"));
            }
            int events = a.positiveInt("--events", 60_000);
            double rate = a.nonNegative("--rate", 1000);
            DemoGenerator.TimeOrdered demo = DemoGenerator.timeOrdered(events, a.longValue("--seed", 42));
            DemoPublisher.Result r = DemoPublisher.publish(target, demo, rate, TaskContext.NONE);
            out.printf(Locale.ROOT, "Published %,d demo events to %s%s in %.1f s (%,.0f events/s).%n", r.events(),
                    target.describe(), r.created() ? " (created with " + DemoPublisher.PARTITIONS + " partitions)" : "",
                    r.seconds(), r.events() / Math.max(r.seconds(), 1e-3));
            return 0;
        });
    }

    private static StartFrom from(CommandArgs a) {
        try {
            return StartFrom.parse(a.value("--from", "earliest"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    /**
     * TLS and SASL from the options; {@code --security} defaults to SASL_SSL with {@code --user}, SSL with only
     * {@code --truststore}, else PLAINTEXT.
     */
    private static KafkaSecurity security(CommandArgs a) {
        String user = a.value("--user", null);
        String trust = a.value("--truststore", null);
        KafkaSecurity.Protocol protocol;
        KafkaSecurity.Mechanism mechanism;
        try {
            protocol = a.has("--security") ? KafkaSecurity.Protocol.parse(a.value("--security", null))
                    : user != null ? KafkaSecurity.Protocol.SASL_SSL
                    : trust != null ? KafkaSecurity.Protocol.SSL : KafkaSecurity.Protocol.PLAINTEXT;
            mechanism = KafkaSecurity.Mechanism.parse(a.value("--mechanism", "plain"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
        char[] password = null;
        boolean sasl = protocol == KafkaSecurity.Protocol.SASL_PLAINTEXT || protocol == KafkaSecurity.Protocol.SASL_SSL;
        if (sasl) {
            if (user == null) {
                throw new UsageException("--security " + protocol.name().toLowerCase(Locale.ROOT)
                        + " needs --user NAME.");
            }
            password = password(user);
        }
        String trustPassword = System.getenv(TRUSTSTORE_PASSWORD_ENV);
        return new KafkaSecurity(protocol, trust == null ? null : Path.of(trust),
                trustPassword == null || trustPassword.isEmpty() ? null : trustPassword.toCharArray(), mechanism,
                user, password);
    }

    /** The SASL password: from the environment, else typed on the console (not echoed). */
    private static char[] password(String user) {
        String env = System.getenv(PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Kafka password for %s: ", user);
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new UsageException("Give the password of " + user + " in the environment variable " + PASSWORD_ENV
                + " (it is never read from the command line).");
    }
}
