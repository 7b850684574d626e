#!/usr/bin/env bash
# The whole suite on this machine with embedded defaults (see README): builds what is missing or
# out of date, then starts a Kafka broker, PostgreSQL and every service. `./local-stack.sh stop`
# from another terminal stops it, as Ctrl-C does.
set -euo pipefail
cd "$(dirname "$0")"
jar=local-stack/target/local-stack-0.1.0-SNAPSHOT.jar
if [ "${1:-start}" = start ]; then
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -print -quit)" ]; then
    echo "local-stack: building (./mvnw -q package -DskipTests)"
    ./mvnw -q -B -ntp package -DskipTests
  fi
fi
export PS_REPOSITORY="$PWD"
exec java -jar "$jar" "$@"
