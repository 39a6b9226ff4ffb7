package org.journeyexplorer.installer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cheap half of packaging, checked on every test run: what installer/build.sh hands to jpackage exists. The
 * slow half (running jpackage, installing the .deb) is in installer/README.md.
 */
class PackagingTest {
    private static final Path INSTALLER = Path.of("installer");

    static Map<String, String> packageProperties() throws IOException {
        return PackageProperties.read();
    }

    @Test
    void launcherMainClassExistsAndHasMain() throws Exception {
        String main = packageProperties().get("MAIN_CLASS");
        Method m = Class.forName(main).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(m.getModifiers()), main + ".main must be static");
    }

    @Test
    void everyRuntimeModuleExistsInThisJdk() throws IOException {
        ModuleFinder system = ModuleFinder.ofSystem();
        String modules = packageProperties().get("RUNTIME_MODULES");
        for (String module : modules.split(",")) {
            assertTrue(system.find(module.trim()).isPresent(), "jlink module not in this JDK: " + module);
        }
        // what the app needs beyond java.base: H2 (java.sql), JavaFX on the class path (jdk.unsupported,
        // java.desktop for Swing interop / ImageIO), preferences and XML (XES import), the diagnostic commands
        // (jdk.management) that JitFocus adds its compiler directive through.
        for (String needed : new String[]{"java.sql", "jdk.unsupported", "java.desktop", "java.prefs", "java.xml", "jdk.management"}) {
            assertTrue(modules.contains(needed), "runtime lacks " + needed);
        }
    }

    @Test
    void iconAndFileAssociationAreValid() throws IOException {
        BufferedImage icon = ImageIO.read(Path.of("assets/icons/journey-explorer.png").toFile());
        assertNotNull(icon, "icon must be a PNG");
        assertEquals(icon.getWidth(), icon.getHeight());
        assertTrue(icon.getWidth() >= 128);
        Properties assoc = new Properties();
        try (var in = Files.newInputStream(INSTALLER.resolve("project-file-association.properties"))) {
            assoc.load(in);
        }
        // the association must match the files the store writes, or double-clicking a project does nothing
        assertEquals(org.journeyexplorer.store.ProjectStore.EXTENSION, "." + assoc.getProperty("extension"));
        assertTrue(Files.exists(Path.of(assoc.getProperty("icon"))));
    }

    @Test
    void buildScriptIsExecutableAndNamesTheShadedJar() throws IOException {
        Path script = INSTALLER.resolve("build.sh");
        assertTrue(Files.isExecutable(script));
        String text = Files.readString(script);
        assertTrue(text.contains("--main-jar journey-explorer.jar"));
        assertTrue(text.contains("--type deb") && text.contains("--type app-image"));
        // the desktop entry override passes the double-clicked file to the launcher (Main opens it)
        String desktop = Files.readString(INSTALLER.resolve("resources/journey-explorer.desktop"));
        assertTrue(desktop.contains("Exec=/opt/journey-explorer/bin/journey-explorer %f"));
        assertTrue(text.contains("--resource-dir installer/resources"));
        // the postinst override creates the menu directories xdg-desktop-menu needs on minimal systems
        Path postinst = INSTALLER.resolve("resources/postinst");
        assertTrue(Files.isExecutable(postinst));
        assertTrue(Files.readString(postinst).contains("mkdir -p /usr/share/applications"));
    }

    @Test
    void javaFxsNativeLibrariesGoBesideTheJarAndNoOtherFile() throws Exception {
        Path dir = Files.createTempDirectory("natives");
        Path jar = dir.resolve("journey-explorer.jar");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            // JavaFX's at the root; zstd's in its own folder, found there by its own loader; a class; not a library
            for (String name : java.util.List.of("libglass.so", "libprism_sw.so", "linux/amd64/libzstd-jni.so",
                    "org/journeyexplorer/Main.class", "libnotes.so.txt")) {
                z.putNextEntry(new java.util.zip.ZipEntry(name));
                z.write(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        Path out = dir.resolve("lib/app");
        Process p = new ProcessBuilder("bash", INSTALLER.resolve("natives.sh").toString(), jar.toString(),
                out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        try (var files = Files.list(out)) {
            assertEquals(java.util.Set.of("libglass.so", "libprism_sw.so"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals("libglass.so", Files.readString(out.resolve("libglass.so")));
        // into the folder whose files jpackage puts beside the jar (lib/app), where JavaFX looks for them first
        assertTrue(Files.isExecutable(INSTALLER.resolve("natives.sh")));
        assertTrue(Files.readString(INSTALLER.resolve("build.sh"))
                .contains("installer/natives.sh target/journey-explorer.jar target/installer/input"));
    }

    @Test
    void theLauncherMapsAClassDataSharingArchiveThatThePackageMakes() throws IOException {
        String build = Files.readString(INSTALLER.resolve("build.sh"));
        assertTrue(Files.isExecutable(INSTALLER.resolve("cds.sh")));
        // the launcher's option names the archive where cds.sh (app-image) and postinst (.deb) write it
        assertTrue(build.contains("-XX:SharedArchiveFile=\\$APPDIR/journey-explorer.jsa"));
        assertTrue(build.contains("installer/cds.sh --list"));
        // the bundled runtime keeps bin/java, which dumps the archive
        assertTrue(build.contains("--jlink-options") && !build.contains("--strip-native-commands"));
        String postinst = Files.readString(INSTALLER.resolve("resources/postinst"));
        assertTrue(postinst.contains("/opt/journey-explorer/lib/runtime/bin/java -Xshare:dump"));
        assertTrue(postinst.contains("-XX:SharedArchiveFile=$app/journey-explorer.jsa"));
        Path prerm = INSTALLER.resolve("resources/prerm");
        assertTrue(Files.isExecutable(prerm));
        String remove = Files.readString(prerm);
        assertTrue(remove.contains("rm -f /opt/journey-explorer/lib/app/journey-explorer.jsa"));
        assertTrue(remove.contains("DESKTOP_COMMANDS_UNINSTALL"), "jpackage's own uninstall steps stay in");
    }

    @Test
    void theLaunchersJvmOptionsStartThisJvm() throws Exception {
        // a JVM refuses an option it does not know and the installed app would not start at all
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(PackageProperties.launcherOptions());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(PackageProperties.launcherOptions().contains("-XX:+UseTransparentHugePages"));
    }

    @Test
    void theCommandLineLauncherIsAddedWithItsOwnOptionsAndTheSameArchive() throws Exception {
        Map<String, String> p = packageProperties();
        String build = Files.readString(INSTALLER.resolve("build.sh"));
        assertEquals("journey-explorer-cli", p.get("CLI_LAUNCHER"));
        assertTrue(build.contains("--add-launcher \"$CLI_LAUNCHER=target/installer/cli.properties\""));
        // an added launcher's java-options replace the main one's: its file gets them all, the archive included
        assertTrue(build.contains("printf 'java-options=%s -XX:SharedArchiveFile=$APPDIR/journey-explorer.jsa\\n'"
                + " \"$CLI_JAVA_OPTIONS\""), build);
        List<String> cli = PackageProperties.cliLauncherOptions();
        assertTrue(cli.containsAll(PackageProperties.launcherOptions()), cli + " lacks one of the app's options");
        assertTrue(cli.containsAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                "-XX:+UseParallelGC")), cli.toString());
        assertFalse(PackageProperties.launcherOptions().contains("-XX:ArchiveRelocationMode=0"), "the app's start lost");
        // its desktop entry (jpackage makes one per launcher) stays out of the menus
        String desktop = Files.readString(INSTALLER.resolve("resources/journey-explorer-cli.desktop"));
        assertTrue(desktop.contains("NoDisplay=true") && desktop.contains("Terminal=true"), desktop);
        // a JVM refuses an option it does not know: the command-line launcher would not start at all
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(cli);
        cmd.add("-version");
        run(cmd.toArray(String[]::new));
    }

    @Test
    void theCommandLineLauncherMapsTheArchiveWhereItWasDumpedWithoutRelocatingIt(@TempDir Path dir) throws Exception {
        // this JDK 17 maps an archive at a random address by default and then rewrites every pointer in it (about
        // 0.2 s of each start for the 64 MB archive); the command-line launcher's options map it where it was dumped
        Path list = dir.resolve("classes.lst");
        Files.writeString(list, "java/lang/Object\njava/lang/String\njava/util/ArrayList\n");
        Path jsa = dir.resolve("small.jsa");
        String dump = run(javaBin(), "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + jsa);
        assertTrue(Files.isRegularFile(jsa), dump);
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(PackageProperties.cliLauncherOptions());
        cmd.addAll(List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:on", "-Xlog:cds=info", "-version"));
        String out = run(cmd.toArray(String[]::new));
        assertTrue(out.contains("Mapped static  region #0"), out);
        assertFalse(out.contains("at an alternative address"), out);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
