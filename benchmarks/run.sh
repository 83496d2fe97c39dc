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
scenarios=""
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
		scenarios="${arg#--scenarios=}"
		scenarios="${scenarios^^}"
	fi
	previous="$arg"
done

# Whether the run includes a scenario whose id contains $1 (all of them when --scenarios is not given).
wants() {
	[[ -z "$scenarios" || "$scenarios" == *"$1"* ]]
}
resp=0
{ wants RESP || wants CLUSTER; } && resp=1

# Installs a Debian package when missing and allowed (root with apt-get); says what is skipped otherwise.
install_package() {
	local package="$1" purpose="$2"
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		echo "Installing $package for $purpose (apt-get)..."
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null \
			|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null; } \
			|| echo "Could not install $package: $purpose will be skipped" >&2
	else
		echo "$package missing and not installable here: $purpose will be skipped" >&2
	fi
}

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
	# The package may start a service on 6379; the runner uses its own redis-server on its own port.
	install_package redis-server "the RESP and CLUSTER scenarios"
fi

# The reference servers of GO1 and C1, built from benchmarks/src/main/reference; a missing one skips its scenario.
if (( build )); then
	mkdir -p benchmarks/target/reference
	if wants GO1; then
		command -v go >/dev/null 2>&1 || install_package golang-go "the GO1 scenario"
		if command -v go >/dev/null 2>&1; then
			echo "Building the Go reference server ($(go version | cut -d' ' -f3))..."
			GOCACHE="$PWD/benchmarks/target/go-cache" GO111MODULE=off go build -o benchmarks/target/reference/echo-go \
				benchmarks/src/main/reference/echo.go || echo "Go build failed: GO1 will be skipped" >&2
		fi
	fi
	if wants C1; then
		if command -v cc >/dev/null 2>&1; then
			echo "Building the C reference server..."
			cc -O2 -Wall -o benchmarks/target/reference/echo-c benchmarks/src/main/reference/echo.c \
				|| echo "C build failed: C1 will be skipped" >&2
		else
			echo "No C compiler (cc): C1 will be skipped" >&2
		fi
	fi
fi

built=$( (( build )) && echo true || echo false )
exec java -Dbenchmarks.command="$command" -Dbenchmarks.built="$built" \
	-cp benchmarks/target/socket-server-benchmarks.jar dev.socketserver.benchmarks.runner.BenchmarkRunner \
	${args[@]+"${args[@]}"}
