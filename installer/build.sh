#!/usr/bin/env bash
# Builds the Journey Explorer desktop packages with jpackage (JDK 17+):
#   installer/build.sh            app-image and .deb   (Linux; about a minute)
#   installer/build.sh app-image  only the app-image   (target/installer/out/journey-explorer/)
#   installer/build.sh deb        the .deb (target/installer/out/journey-explorer_<version>_amd64.deb), from the app-image
# The packages bundle a Java runtime (jlink), the shaded jar, which carries JavaFX for Linux, and a class data
# sharing archive of the classes a start loads (installer/cds.sh, made with the bundled runtime), which the
# launcher maps: a cold start loads about 2,700 fewer classes from the jar; and JavaFX's native libraries beside
# the jar (installer/natives.sh), so that a start neither extracts them nor checks its cached copies.
# Windows / macOS: see installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
. installer/package.properties
version=$(sed -n 's:^  <version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
[ -f target/journey-explorer.jar ] || mvn -B -q package -DskipTests
rm -rf target/installer && mkdir -p target/installer/input target/installer/out
cp target/journey-explorer.jar target/installer/input/
# JavaFX's native libraries beside the jar (lib/app), loaded from there as they are (installer/natives.sh)
installer/natives.sh target/journey-explorer.jar target/installer/input
image=(--name "$APP_NAME" --app-version "$version" --vendor "$VENDOR" --description "$DESCRIPTION"
       --copyright "$COPYRIGHT" --icon assets/icons/journey-explorer.png --dest target/installer/out)
# bin/$CLI_LAUNCHER: the same jar and main class for the command line, with its own JVM options (package.properties;
# an added launcher's java-options replace the main one's) and the same archive
printf 'java-options=%s -XX:SharedArchiveFile=$APPDIR/journey-explorer.jsa\n' "$CLI_JAVA_OPTIONS" \
  > target/installer/cli.properties
# the runtime keeps bin/java (jpackage strips it by default): cds.sh runs the bundled JVM, the only one whose
# archive the launcher can map; $APPDIR is the installed lib/app directory
jpackage --type app-image "${image[@]}" --input target/installer/input --main-jar journey-explorer.jar \
  --main-class "$MAIN_CLASS" --add-modules "$RUNTIME_MODULES" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options "$JAVA_OPTIONS -XX:SharedArchiveFile=\$APPDIR/journey-explorer.jsa" \
  --add-launcher "$CLI_LAUNCHER=target/installer/cli.properties"
app="target/installer/out/$APP_NAME"
installer/cds.sh --list "$app/lib/runtime/bin/java" "$app/lib/app/journey-explorer.jar" \
  "$app/lib/app/journey-explorer.classlist"
if [ "$what" = all ] || [ "$what" = app-image ]; then
  # the archive records the jar's absolute path: this one serves the app-image where it is built
  "$app/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/lib/app/journey-explorer.classlist" \
    -XX:SharedArchiveFile="$app/lib/app/journey-explorer.jsa" -cp "$(pwd)/$app/lib/app/journey-explorer.jar" >/dev/null
fi
echo "app-image: $app ($(du -sh "$app" | cut -f1))"
if [ "$what" = all ] || [ "$what" = deb ]; then
  # the .deb carries the class list, not the archive: its postinst dumps the archive for /opt/journey-explorer
  jsa="$app/lib/app/journey-explorer.jsa"
  if [ -f "$jsa" ]; then mv "$jsa" target/installer/; fi
  jpackage --type deb "${image[@]}" --app-image "$app" \
    --linux-package-name "$LINUX_PACKAGE" --linux-app-category "$LINUX_CATEGORY" --linux-menu-group "$LINUX_CATEGORY" \
    --linux-shortcut --linux-deb-maintainer "$MAINTAINER" --linux-package-deps "$LINUX_DEPS" \
    --file-associations installer/project-file-association.properties --resource-dir installer/resources
  deb=$(ls target/installer/out/*.deb)
  echo "deb: $deb ($(du -h "$deb" | cut -f1))"
  if [ -f target/installer/journey-explorer.jsa ]; then mv target/installer/journey-explorer.jsa "$jsa"; fi
fi
