#!/usr/bin/env bash
# The hic launcher: builds the CLI with Maven when the build is missing or older than the sources, then runs it.
# Needs only the JDK (17+) and Maven on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath_file="$root/sim-scenarios/target/hic.classpath"
classes="$root/sim-scenarios/target/classes"

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

# hicsim.home: the project root, under which commands find what the build wrote (hic services: the bundles).
exec java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dhicsim.home="$root" \
  -cp "$classes:$(cat "$classpath_file")" org.hicsim.cli.Hic "$@"
