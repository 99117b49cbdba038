#!/usr/bin/env bash
# Start-up time and idle memory of the packaged tool (see bench/launch/README.md).
#
#   bench/launch/startup.sh                      # build the jar and the CDS archive, then one run as the Dockerfile starts it
#   bench/launch/startup.sh --skip-build         # reuse target/proofwork-*.jar (and target/startup/, rebuilt if older)
#   bench/launch/startup.sh --compare [runs]     # fat jar vs extracted vs extracted + CDS, alternating, [runs] (default 3) each
#   bench/launch/startup.sh --flags [runs]       # the older comparison of JVM flag sets (all on the fat jar)
#   bench/launch/startup.sh --restart [runs]     # restarts on a data directory a first run created (no migrations, keys exist)
#   BASELINE_JAR=/tmp/old.jar bench/launch/startup.sh --skip-build --compare 3   # adds another build, extracted + CDS
#   JVM_FLAGS="-Xmx256m" bench/launch/startup.sh --skip-build   # one run with flags of your choice (plus the CDS archive)
#
# Each run starts the tool on a fresh, empty H2 data directory (so Flyway migrates and the first signing key is
# generated, as on a first deployment), times launch -> /actuator/health/readiness answering UP, waits IDLE seconds
# (default 10) without traffic, reads VmRSS from /proc/<pid>/status, then stops the tool with SIGTERM.
#
# The Dockerfile's steps, reproduced here because Docker cannot build images on the benchmark machine: extract the
# jar (java -Djarmode=tools ... extract), one training run that exits once the context has refreshed
# (-Dspring.context.exit=onRefresh) and writes the class data sharing archive (-XX:ArchiveClassesAtExit), then start
# with -XX:SharedArchiveFile. The archive is only valid for the same jars (paths and timestamps) and the same JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18080}
IDLE=${IDLE:-10}
RECOMMENDED="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
build=true
mode=single
runs=3
KEEP_DATA=""
for arg in "$@"; do
	case "$arg" in
		--skip-build) build=false ;;
		--compare) mode=compare ;;
		--flags) mode=flags ;;
		--restart) mode=restart ;;
		[0-9]*) runs=$arg ;;
		*) echo "unknown argument $arg" >&2; exit 2 ;;
	esac
done

if $build; then
	./mvnw -q -B -ntp -DskipTests package
fi
jar=$(ls target/proofwork-*.jar | grep -v -- '-plain' | head -1)

# prepare_cds JAR DIR: the Dockerfile's steps, extract to DIR and one training run that writes DIR/proofwork.jsa.
# Redone when the jar is newer than the archive.
prepare_cds() {
	local fat=$1 dir=$2 training
	if [ -f "$dir/proofwork.jsa" ] && [ "$dir/proofwork.jsa" -nt "$fat" ]; then
		return
	fi
	rm -rf "$dir"
	java -Djarmode=tools -jar "$fat" extract --destination "$dir" >/dev/null
	training=$(mktemp -d /tmp/proofwork-training.XXXXXX)
	# shellcheck disable=SC2086
	if ! java $RECOMMENDED -XX:ArchiveClassesAtExit="$dir/proofwork.jsa" -Dspring.context.exit=onRefresh \
		-jar "$dir/$(basename "$fat")" --proofwork.data-dir="$training" >"$training.log" 2>&1; then
		echo "training run failed; log: $training.log" >&2
		exit 1
	fi
	rm -rf "$training" "$training.log"
}
prepare_cds "$jar" target/startup/app
extracted_jar=target/startup/app/$(basename "$jar")
# -Xshare:on: a run refuses to start rather than silently measure without the archive (the image leaves it at auto).
CDS="-Xshare:on -XX:SharedArchiveFile=target/startup/app/proofwork.jsa"
if [ -n "${BASELINE_JAR:-}" ]; then
	prepare_cds "$BASELINE_JAR" target/startup/baseline
	baseline_jar=target/startup/baseline/$(basename "$BASELINE_JAR")
	BASELINE_CDS="-Xshare:on -XX:SharedArchiveFile=target/startup/baseline/proofwork.jsa"
fi

# CPU seconds (user + system) a process has used so far.
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }

# one_run "FLAGS" JAR -> prints "ready_ms rss_mb cpu_s_to_ready"
one_run() {
	local flags=$1 run_jar=$2 data log pid start ready rss cpu
	data=${KEEP_DATA:-$(mktemp -d /tmp/proofwork-startup.XXXXXX)}
	log=$data/tool.log
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	java $flags -jar "$run_jar" --server.port="$PORT" --proofwork.data-dir="$data" \
		--proofwork.base-url="http://localhost:$PORT" >"$log" 2>&1 &
	pid=$!
	ready=""
	for _ in $(seq 1 2400); do
		if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			ready=$(( ($(date +%s%N) - start) / 1000000 ))
			cpu=$(cpu_s "$pid")
			break
		fi
		if ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.05
	done
	if [ -z "$ready" ]; then
		echo "tool did not become ready; log: $log" >&2
		kill "$pid" 2>/dev/null || true
		exit 1
	fi
	sleep "$IDLE"
	rss=$(awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	[ -n "$KEEP_DATA" ] || rm -rf "$data"
	echo "$ready $rss $cpu $(cut -d' ' -f1 /proc/loadavg)"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME... with FLAGS[NAME] and JARS[NAME] set: RUNS rounds, each round one run of every variant in turn, so a
# change in the machine's load hits all variants alike.
declare -A FLAGS JARS RESULTS
declare -a NAMES
variant() { NAMES+=("$1"); FLAGS[$1]=$2; JARS[$1]=$3; RESULTS[$1]=""; }

measure_all() {
	local round name result ready rss cpu load
	for round in $(seq 1 "$runs"); do
		for name in "${NAMES[@]}"; do
			result=$(one_run "${FLAGS[$name]}" "${JARS[$name]}")
			[ -n "$result" ] || exit 1
			RESULTS[$name]+="$result"$'\n'
			echo "  round $round  $(printf '%-30s' "$name") $result  (ready ms, idle RSS MB, CPU s to ready, load)" >&2
		done
	done
	for name in "${NAMES[@]}"; do
		result=$(printf '%s' "${RESULTS[$name]}")
		ready=$(echo "$result" | awk '{print $1}' | median)
		rss=$(echo "$result" | awk '{print $2}' | median)
		cpu=$(echo "$result" | awk '{print $3}' | median)
		load=$(echo "$result" | awk '{print $4}' | median)
		printf '%-30s ready %7s ms  CPU to ready %6s s  idle RSS %4s MB  load %5s  (runs: %s)\n' "$name" "$ready" \
			"$cpu" "$rss" "$load" "$(echo "$result" | awk '{printf "%s ms/%s MB/%s s  ", $1, $2, $3}')"
	done
}

echo "Proofwork start-up: $jar, $(nproc) CPUs, $(java -version 2>&1 | head -1), H2 data dir (fresh unless --restart), idle ${IDLE}s"
echo "(load average at start: $(cut -d' ' -f1-3 /proc/loadavg); 'load' below is the median of the 1-minute load average"
echo " when each run became ready; on a busy machine compare 'CPU to ready', which load changes less than wall time)"
case $mode in
	restart)
		KEEP_DATA=$(mktemp -d /tmp/proofwork-startup.XXXXXX)
		variant "first start (extracted + CDS)" "$RECOMMENDED $CDS" "$extracted_jar"
		runs_wanted=$runs
		runs=1
		measure_all
		NAMES=()
		runs=$runs_wanted
		variant "restart, fat jar" "$RECOMMENDED" "$jar"
		variant "restart, extracted + CDS" "$RECOMMENDED $CDS" "$extracted_jar"
		measure_all
		rm -rf "$KEEP_DATA"
		;;
	compare)
		variant "fat jar (java -jar)" "$RECOMMENDED" "$jar"
		variant "extracted" "$RECOMMENDED" "$extracted_jar"
		variant "extracted + CDS (Dockerfile)" "$RECOMMENDED $CDS" "$extracted_jar"
		if [ -n "${BASELINE_JAR:-}" ]; then
			variant "BASELINE_JAR, extracted + CDS" "$RECOMMENDED $BASELINE_CDS" "$baseline_jar"
		fi
		measure_all
		;;
	flags)
		variant "G1, -XX:MaxRAMPercentage=75" "-XX:MaxRAMPercentage=75" "$jar"
		variant "SerialGC + C1 only" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" "$jar"
		variant "SerialGC + small memory, C2" "-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m" "$jar"
		variant "recommended (all of the above)" "$RECOMMENDED" "$jar"
		measure_all
		;;
	single)
		runs=1
		name="extracted + CDS (Dockerfile)"
		[ -z "${JVM_FLAGS:-}" ] || name="custom + CDS: $JVM_FLAGS"
		variant "$name" "${JVM_FLAGS:-$RECOMMENDED} $CDS" "$extracted_jar"
		measure_all
		;;
esac
