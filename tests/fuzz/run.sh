#!/usr/bin/env bash
# Runs every libFuzzer harness in build/fuzz for FUZZ_SECONDS each, JOBS at a time, starting
# from tests/fuzz/seeds/<harness> and its dictionary. Any crash, sanitizer report, leak,
# timeout or out-of-memory fails the run; the input that caused it is left as
# build/fuzz/<kind>-<hash> and the harness's output as build/fuzz/<harness>.log.
set -uo pipefail
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-2}
cd "$(dirname "$0")/../.."

run_one() {
    local harness=$1 seconds=$2
    local name; name=$(basename "$harness")
    local corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus"
    local dict=()
    [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
    if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$harness" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "${dict[@]}" \
        -artifact_prefix=build/fuzz/ "$corpus" "tests/fuzz/seeds/$name" > "build/fuzz/$name.log" 2>&1; then
        echo "$name: $(tail -n 1 "build/fuzz/$name.log")"
    else
        echo "FAILED: $name (log: build/fuzz/$name.log)"
        tail -n 40 "build/fuzz/$name.log"
        return 1
    fi
}
export -f run_one

harnesses=$(find build/fuzz -maxdepth 1 -name 'fuzz_*' -type f -perm -u+x | sort)
[ -n "$harnesses" ] || { echo "no fuzz harnesses in build/fuzz: build them first (make fuzz)"; exit 1; }
echo "fuzzing $(echo "$harnesses" | wc -l) harnesses for $seconds s each, $jobs at a time"
if ! printf '%s\n' $harnesses | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$seconds"; then
    echo "fuzzing found problems (see the FAILED lines above)"
    exit 1
fi
