#!/usr/bin/env bash
# Builds a class data sharing archive (AppCDS) for the shaded jar, so a fresh JVM maps the classes a start needs
# (JDK, H2, Jackson, JavaFX, ours: about 2,700 for a command, 6,300 for the app) already parsed and verified
# instead of loading them from the jar:
#   installer/cds.sh JAVA JAR OUT.jsa               train, then dump the archive
#   installer/cds.sh --list JAVA JAR OUT.classlist  train only (the .deb ships the list; its postinst dumps it)
#   java -XX:SharedArchiveFile=OUT.jsa -jar JAR ...  (the installed launcher passes this itself)
# JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19+), so the archive is made at package time: a short training
# run records the classes each use loads (-XX:DumpLoadedClassList): the CLI on a generated demo file and on a file
# in the DuckDB peer's format, and, when xvfb-run is there, the app opening that project until the Sankey is
# painted; then -Xshare:dump writes one static archive of them. The archive maps only into the JVM that made it
# (JAVA must be the java that runs the jar) and only with the jar at the same absolute path, unchanged; otherwise
# the JVM silently starts without it.
set -euo pipefail
usage="usage: cds.sh [--list] JAVA JAR OUT"
list=false
if [ "${1:-}" = --list ]; then list=true; shift; fi
java=${1:?$usage} jar=${2:?$usage} out=${3:?$usage}
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")" # the archive records the jar's path as given
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
n=0
# every training JVM writes its own list, with a fresh home (no user's preferences, projects or caches);
# the command in the array "pre", if any, runs the JVM
pre=()
run() {
  n=$((n + 1))
  "${pre[@]}" "$java" -XX:DumpLoadedClassList="$work/list$n" -Duser.home="$work/home" \
    -Dje.prefs.node=org/journeyexplorer/cds -cp "$jar" "$@" >"$work/run$n.log" 2>&1
}
train() {
  run "$@" || { echo "cds.sh: training step failed: $*" >&2; tail -5 "$work/run$n.log" >&2; exit 1; }
}
main=org.journeyexplorer.Main
p="$work/p"
train $main generate-demo --events 20000 --seed 7 --out "$work/demo.csv.gz"
train $main import "$work/demo.csv.gz" --project "$p" --json
{
  echo 'user_id,timestamp,event_type,props'
  for i in $(seq 1 400); do
    printf 'u%03d,2025-09-01T%02d:%02d:%02dZ,%s,"{""sku"":%d,""v"":%d}"\n' $((i % 37)) $((i / 60 % 24)) $((i % 60)) $((i * 7 % 60)) \
      "$(case $((i % 5)) in 0) echo search;; 1) echo page_view;; 2) echo product_view;; 3) echo add_to_cart;; *) echo purchase;; esac)" \
      $((i * 13 % 1000)) $((i % 9))
  done
} >"$work/peer.csv"
train $main import "$work/peer.csv" --project "$work/q" --json
for proj in "$p" "$work/q"; do
  train $main sessions --project "$proj" --json
  train $main transitions --project "$proj" --csv
  train $main flows --project "$proj" --start search --steps 5
done
train $main funnel --project "$p" --steps search,view_item,add_to_cart --json
if command -v xvfb-run >/dev/null; then
  # the app on the demo project, quitting once the first Sankey is painted
  pre=(timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24")
  # (a machine without a display's libraries still gets the command line's archive)
  if ! run -Dje.tab=flows -Dje.exitAfterFirstChart=true $main --project "$p"; then
    echo "cds.sh: the app did not start under xvfb-run, so the archive covers the command line only:" >&2
    tail -3 "$work/run$n.log" >&2
    rm -f "$work/list$n"
  elif ! run -Dje.tour=true $main --project "$p"; then
    # then every tab once (TabTour quits when each tab's work is done): a tab's view is made when the tab is first
    # shown, so the start above loads no other tab's classes, and the first visit of each would load them from the jar
    echo "cds.sh: the tour of the app's tabs failed, so the archive lacks the tabs not shown first:" >&2
    tail -3 "$work/run$n.log" >&2
    rm -f "$work/list$n"
  fi
else
  echo "cds.sh: no xvfb-run, so the archive covers the command line only (the app starts without its classes)" >&2
fi
cat "$work"/list* >"$work/classes.lst"
classes=$(sort -u "$work/classes.lst" | grep -vc '^@')
if $list; then
  cp "$work/classes.lst" "$out"
  echo "cds: $out ($classes classes)"
  exit 0
fi
"$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$out" -cp "$jar" \
  >"$work/dump.log" 2>&1 || { tail -20 "$work/dump.log" >&2; exit 1; }
echo "cds: $out ($(du -h "$out" | cut -f1), $classes classes)"
