#!/usr/bin/env bash
# Builds the Journey Explorer desktop packages with jpackage (JDK 17+):
#   installer/build.sh            app-image and .deb   (Linux; about a minute)
#   installer/build.sh app-image  only the app-image   (target/installer/out/journey-explorer/)
#   installer/build.sh deb        only the .deb        (target/installer/out/journey-explorer_<version>_amd64.deb)
# The packages bundle a Java runtime (jlink) and the shaded jar, which carries JavaFX for Linux.
# Windows / macOS: see installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
. installer/package.properties
version=$(sed -n 's:^  <version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
[ -f target/journey-explorer.jar ] || mvn -B -q package -DskipTests
rm -rf target/installer && mkdir -p target/installer/input target/installer/out
cp target/journey-explorer.jar target/installer/input/
common=(--name "$APP_NAME" --app-version "$version" --vendor "$VENDOR" --description "$DESCRIPTION"
        --copyright "$COPYRIGHT" --input target/installer/input --main-jar journey-explorer.jar
        --main-class "$MAIN_CLASS" --add-modules "$RUNTIME_MODULES" --java-options "$JAVA_OPTIONS"
        --icon assets/icons/journey-explorer.png --dest target/installer/out)
if [ "$what" = all ] || [ "$what" = app-image ]; then
  jpackage --type app-image "${common[@]}"
  echo "app-image: target/installer/out/$APP_NAME ($(du -sh "target/installer/out/$APP_NAME" | cut -f1))"
fi
if [ "$what" = all ] || [ "$what" = deb ]; then
  jpackage --type deb "${common[@]}" \
    --linux-package-name "$LINUX_PACKAGE" --linux-app-category "$LINUX_CATEGORY" --linux-menu-group "$LINUX_CATEGORY" \
    --linux-shortcut --linux-deb-maintainer "$MAINTAINER" --linux-package-deps "$LINUX_DEPS" \
    --file-associations installer/project-file-association.properties --resource-dir installer/resources
  deb=$(ls target/installer/out/*.deb)
  echo "deb: $deb ($(du -h "$deb" | cut -f1))"
fi
