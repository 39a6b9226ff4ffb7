#!/usr/bin/env bash
# Copies the native libraries JavaFX carries at the root of the shaded jar (lib*.so) into a folder:
#   installer/natives.sh JAR DIR
# build.sh puts them beside the app-image's jar (lib/app), where JavaFX loads them as they are. Without them there,
# every start of the app takes them from the jar: the first into ~/.openjfx/cache, every later one reading both the
# jar's and the cached copy of each through SHA-256 to compare them, before the toolkit starts and so before the
# window (about 0.3 s of CPU on two loaded cores, issue 16). Only the jar's root: the other libraries in it (zstd,
# lz4, snappy) are found by their own loaders in their own folders of the jar.
set -euo pipefail
usage="usage: natives.sh JAR DIR"
jar=${1:?$usage} dir=${2:?$usage}
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
names=$(jar tf "$jar" | grep -E '^lib[^/]*\.so$' || true)
if [ -z "$names" ]; then
  # a jar built for another system (.dylib, .dll): the app takes them from the jar as before
  echo "natives.sh: no lib*.so at the root of $jar, nothing copied" >&2
  exit 0
fi
mkdir -p "$dir"
# shellcheck disable=SC2086 # one name per word
(cd "$dir" && jar xf "$jar" $names)
echo "natives: $(echo "$names" | wc -l) libraries into $dir"
