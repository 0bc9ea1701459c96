#!/usr/bin/env bash
# The hic launcher: builds the CLI with Maven when the build is missing or older than the sources, then runs it.
# Needs only the JDK (17+) and Maven on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath_file="$root/sim-scenarios/target/hic.classpath"

build_is_stale() {
  [ -f "$classpath_file" ] || return 0
  # Any pom, source file or source directory newer than the last build means the build is stale: a directory's
  # time changes when a file in it is added or deleted. src/main/ includes the service catalogue's manifests
  # (services/src/main/catalogue), so adding or removing one rebuilds the bundles.
  [ -n "$(find "$root" -path "$root/.git" -prune -o \
      \( -name pom.xml -type f -o -path '*/src/main/*' \) -newer "$classpath_file" -print -quit)" ]
}

if build_is_stale; then
  echo "hic: building HIC-Sim (first run or sources changed; this takes a minute)..." >&2
  log="$(mktemp)"
  if ! (cd "$root" && mvn -B -q -DskipTests -pl '!bench' package) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "hic: the build failed (Maven's output above)" >&2
    exit 3
  fi
  rm -f "$log"
  touch "$classpath_file"
fi

# The CLI's own jar rather than target/classes: the JVM's class-data sharing archives classes from jars only.
cli_jar="$(find "$root/sim-scenarios/target" -maxdepth 1 -name 'sim-scenarios-*.jar' ! -name '*-tests.jar' \
  ! -name '*-sources.jar' | head -n 1)"
classpath="$cli_jar:$(cat "$classpath_file")"

# Class-data sharing (AppCDS): the classes a run loads, parsed and verified once into an archive that later JVMs
# map instead of loading them from the jars again. The first `hic run` after a build writes it as it exits (a run
# loads what the other commands load and more); a jar or a JDK newer than the archive makes it stale until the next
# run writes it again. The JVM cannot archive classes of signed jars (Bouncy Castle), of class files older than
# Java 6 (picocli) or of the sandboxes' own loaders, and says so on stdout: -Xlog:cds=off keeps that out of the
# command's output. Sharing changes no result, only start-up time.
archive="$root/sim-scenarios/target/hic.jsa"
archive_is_stale() {
  [ -f "$archive" ] || return 0
  local IFS=':'
  local inputs=($classpath)
  [ -n "$(find "${inputs[@]}" "$(readlink -f "$(command -v java)")" -newer "$archive" -print -quit)" ]
}

# One thread runs the simulation: the serial collector's cheaper write barrier and lack of concurrent threads
# suit it better than G1 (about 5% less CPU time for the standard scenario). hicsim.home: the project root, under
# which commands find what the build wrote (hic services: the bundles).
# A collector chosen in JAVA_TOOL_OPTIONS wins: the JVM refuses two.
collector=(-XX:+UseSerialGC)
case "${JAVA_TOOL_OPTIONS:-}" in *-XX:+Use*GC*) collector=() ;; esac
jvm=(java "${collector[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
  -Dhicsim.home="$root" -cp "$classpath")

if ! archive_is_stale; then
  exec "${jvm[@]}" -XX:SharedArchiveFile="$archive" org.hicsim.cli.Hic "$@"
fi
if [ "${1:-}" != run ]; then
  exec "${jvm[@]}" org.hicsim.cli.Hic "$@"
fi
# Written under a name of its own and then renamed, so a run started meanwhile never maps a half-written one.
fresh="$archive.$$"
status=0
"${jvm[@]}" -XX:ArchiveClassesAtExit="$fresh" org.hicsim.cli.Hic "$@" || status=$?
if [ -f "$fresh" ]; then
  mv -f "$fresh" "$archive"
fi
exit "$status"
