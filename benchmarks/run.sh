#!/usr/bin/env bash
# Compares the demo application with the raw Netty baseline, side by side, and writes benchmarks/RESULTS.md.
# Usage: benchmarks/run.sh [--quick] [--no-build] [runner options]   (see benchmarks/README.md, or --help)
set -euo pipefail
cd "$(dirname "$0")/.."

# The command line as typed, shell-quoted, for the top of RESULTS.md.
command="benchmarks/run.sh"
for arg in "$@"; do
	command+=" $(printf '%q' "$arg")"
done

build=1
resp=1
args=()
previous=""
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		--help|-h)
			build=0
			args+=("--help") ;;
		*) args+=("$arg") ;;
	esac
	if [[ "$previous" == --scenarios || "$arg" == --scenarios=* ]]; then
		[[ "${arg^^}" == *RESP* || "${arg^^}" == *CLUSTER* ]] && resp=1 || resp=0
	fi
	previous="$arg"
done

if (( build )); then
	echo "Building the demo application and the benchmarks (mvn package, tests skipped)..."
	# package, never install: the reactor resolves the sibling modules itself.
	${MVN:-mvn} ${MVN_ARGS:-} -q -pl demo-app,benchmarks -am package -DskipTests
fi

if ! command -v taskset >/dev/null 2>&1; then
	echo "taskset not found (package util-linux): running unpinned" >&2
	args+=("--no-pin")
fi

if (( resp )) && { ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-benchmark >/dev/null 2>&1; }; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		echo "Installing redis-server for the RESP and CLUSTER scenarios (apt-get)..."
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null \
			|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null; } \
			|| echo "Could not install redis-server: the RESP and CLUSTER scenarios will be skipped" >&2
		# The package may start a service on 6379; the runner uses its own redis-server on its own port.
	else
		echo "redis-server/redis-benchmark missing and not installable here: the RESP and CLUSTER scenarios will be skipped" >&2
	fi
fi

built=$( (( build )) && echo true || echo false )
exec java -Dbenchmarks.command="$command" -Dbenchmarks.built="$built" \
	-cp benchmarks/target/socket-server-benchmarks.jar dev.socketserver.benchmarks.runner.BenchmarkRunner \
	${args[@]+"${args[@]}"}
