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

# One thread runs the simulation: the serial collector's cheaper write barrier and lack of concurrent threads
# suit it better than G1 (about 5% less CPU time for the standard scenario). hicsim.home: the project root, under
# which commands find what the build wrote (hic services: the bundles).
# hicsim.command: how this launcher was started ($0, e.g. ./hic), so that the command a failed run prints to
# replay it is one the user can paste. A collector chosen in JAVA_TOOL_OPTIONS wins: the JVM refuses two.
collector=(-XX:+UseSerialGC)
case "${JAVA_TOOL_OPTIONS:-}" in *-XX:+Use*GC*) collector=() ;; esac
common=(-Dhicsim.home="$root" -Dhicsim.command="$0" -cp "$classpath" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED)

# A JDK of release 25 or later, when one is installed beside the default one (HIC_JAVA, a path to a java, picks
# the JDK instead, whatever its release):
# its ahead-of-time cache (JEPs 483 and 515) keeps not only the classes, loaded and linked, but the methods'
# profiles from a training run, so the JIT compiles the simulation's hot code sooner. The build stays at release
# 17 and every output is the same on either JDK; without such a JDK the default java runs as before.
newer_java() {
  local candidate version candidates=(/usr/lib/jvm/*/bin/java)
  [ -z "${HIC_JAVA:-}" ] || candidates=("$HIC_JAVA")
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] || continue
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$candidate")/../release" 2>/dev/null)"
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# A cache (either kind) is stale when a jar or the JDK is newer than it, until the next `hic run` writes it again.
cache_is_stale() {
  [ -f "$1" ] || return 0
  local IFS=':'
  local inputs=($classpath)
  [ -n "$(find "${inputs[@]}" "$(readlink -f "$2")" -newer "$1" -print -quit)" ]
}

# Only a run that ran its scenario (exit code 0 or 1, not asked for help) trains a cache: one that stopped at a
# usage error (a misspelt name, say) or printed its help has loaded and profiled almost nothing, and its cache
# would slow every later run until the next build.
ran_a_scenario() {
  local status="$1" argument
  shift
  [ "$status" -le 1 ] || return 1
  for argument in "$@"; do
    case "$argument" in -h|--help|-V|--version) return 1 ;; esac
  done
}

if java25="$(newer_java)"; then
  # Compact object headers (JEP 519): 8-byte headers, smaller objects and fewer cache misses (about 5% less CPU
  # time). The cache is tied to the collector and the header layout it was trained with. Its logging is off so
  # that stdout holds only the command's own output; lz4 loads its native library, which JDK 25 warns of unless
  # allowed. The training run records which classes and profiles the cache keeps, then a second JVM writes the
  # cache from that record, once, quietly; a run started meanwhile finds no cache and runs without one. The
  # recording JVM says where it wrote its record on the JVM's own output, which no -Xlog selection silences:
  # -DisplayVMOutput keeps that line out of the command's output. A fatal error's report is printed apart from
  # it, but a JVM that cannot start (a bad JAVA_TOOL_OPTIONS) would fail silently: it exits 1 before writing any
  # record, and is then started once more as it is, to say why. The recording JVM keeps every class loaded:
  # JDK 25 crashes writing a record that names a class since unloaded (a sandbox's, when its instance is gone).
  jvm=("$java25" "${collector[@]}" -XX:+UseCompactObjectHeaders -Xlog:aot=off -Xlog:cds=off
    --enable-native-access=ALL-UNNAMED "${common[@]}")
  cache="$root/sim-scenarios/target/hic.aot"
  if ! cache_is_stale "$cache" "$java25"; then
    exec "${jvm[@]}" -XX:AOTCache="$cache" org.hicsim.cli.Hic "$@"
  fi
  if [ "${1:-}" != run ]; then
    exec "${jvm[@]}" org.hicsim.cli.Hic "$@"
  fi
  config="$cache.$$.config"
  status=0
  "${jvm[@]}" -XX:-ClassUnloading -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:AOTMode=record -XX:AOTConfiguration="$config" org.hicsim.cli.Hic "$@" || status=$?
  if [ "$status" -eq 1 ] && [ ! -f "$config" ]; then
    exec "${jvm[@]}" org.hicsim.cli.Hic "$@"
  fi
  if [ -f "$config" ] && ran_a_scenario "$status" "$@"; then
    "${jvm[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$config" -XX:AOTCache="$cache.$$" \
      >/dev/null 2>&1 && mv -f "$cache.$$" "$cache"
  fi
  rm -f "$config" "$cache.$$"
  exit "$status"
fi

# Class-data sharing (AppCDS) on the default JDK: the classes a run loads, parsed and verified once into an
# archive that later JVMs map instead of loading them from the jars again. The first `hic run` after a build
# writes it as it exits (a run loads what the other commands load and more). The JVM cannot archive classes of
# signed jars (Bouncy Castle), of class files older than Java 6 (picocli) or of the sandboxes' own loaders, and
# says so on stdout: -Xlog:cds=off keeps that out of the command's output. Sharing changes no result, only
# start-up time.
java="${HIC_JAVA:-java}"
jvm=("$java" "${collector[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off "${common[@]}")
archive="$root/sim-scenarios/target/hic.jsa"
if ! cache_is_stale "$archive" "$(command -v "$java")"; then
  exec "${jvm[@]}" -XX:SharedArchiveFile="$archive" org.hicsim.cli.Hic "$@"
fi
if [ "${1:-}" != run ]; then
  exec "${jvm[@]}" org.hicsim.cli.Hic "$@"
fi
# Written under a name of its own and then renamed, so a run started meanwhile never maps a half-written one.
fresh="$archive.$$"
status=0
"${jvm[@]}" -XX:ArchiveClassesAtExit="$fresh" org.hicsim.cli.Hic "$@" || status=$?
if [ -f "$fresh" ] && ran_a_scenario "$status" "$@"; then
  mv -f "$fresh" "$archive"
fi
rm -f "$fresh"
exit "$status"
