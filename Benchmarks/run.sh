#!/usr/bin/env bash
# The benchmark suite of issue 8: ingest, in-process search (beside SQLite's own limit) and `kb serve` under wrk,
# on 1k, 10k and 23.6k real articles (subsets of ../shared/corpus/mdn-full) and 100k synthetic ones.
# Release build. Never part of `swift test`. Results go to $KB_BENCH_WORK/results (default /tmp/kb-bench/results):
# one JSON file per corpus and step, wrk's own output, machine.txt and summary.md (the tables of docs/PERFORMANCE.md).
#
#   Benchmarks/run.sh                       # everything (about 40 minutes on 2 cores, more when it waits for a quiet CPU)
#   Benchmarks/run.sh mdn-1k mdn-23.6k      # only these corpora
#   KB_BENCH_STEPS="search" Benchmarks/run.sh mdn-10k   # only some steps (build ingest search serve)
#
# Other engineers build on the same 2 cores: before each timed step the script waits (up to KB_BENCH_QUIET_WAIT=300 s)
# for the CPU to be KB_BENCH_QUIET_IDLE=90% idle and writes what it found to results/quiet.txt.
#
# Corpora: mdn-1k, mdn-10k, mdn-23.6k (all of mdn-full) and synthetic-100k (kb bench generate --seed 1).
# A subset of N real articles takes, in each locale, the first files in path order, as many as the locale's share of
# mdn-full (so translations and the en/ja/ko mix stay as they are); it is a folder of hard links (copies across
# filesystems) under $KB_BENCH_WORK/corpora. Needs jq, curl and wrk (apt-get install -y wrk).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${KB_BENCH_CORPUS:-$root/../shared/corpus/mdn-full}
queries=${KB_BENCH_QUERIES:-$root/../shared/eval/mdn-dev.tsv}
work=${KB_BENCH_WORK:-/tmp/kb-bench}
results=$work/results
iterations=${KB_BENCH_ITERATIONS:-5}
corpus_queries=${KB_BENCH_CORPUS_QUERIES:-100}
synthetic=${KB_BENCH_SYNTHETIC:-100000}
seed=${KB_BENCH_SEED:-1}
wrk_seconds=${KB_BENCH_WRK_SECONDS:-20}
wrk_connections=${KB_BENCH_WRK_CONNECTIONS:-64}
port=${KB_BENCH_PORT:-18080}
steps=${KB_BENCH_STEPS:-build ingest search serve}
scratch=$root/.build-bench
kb=$scratch/release/kb

labels=("$@")
[ ${#labels[@]} -gt 0 ] || labels=(mdn-1k mdn-10k mdn-23.6k "synthetic-$((synthetic / 1000))k")

quiet_idle=${KB_BENCH_QUIET_IDLE:-90}
quiet_wait=${KB_BENCH_QUIET_WAIT:-300}

step() { [[ " $steps " == *" $1 "* ]]; }

# Percent of CPU time idle over the next 2 seconds (all cores).
cpu_idle() {
    local a b
    a=($(head -1 /proc/stat))
    sleep 2
    b=($(head -1 /proc/stat))
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    echo $((100 * (b[4] - a[4] + b[5] - a[5]) / (total > 0 ? total : 1)))
}

# On a shared machine, waits (up to $quiet_wait s) until the CPU is $quiet_idle% idle, and records what it was.
wait_quiet() {
    local what=$1 idle waited=0
    idle=$(cpu_idle)
    while [ "$idle" -lt "$quiet_idle" ] && [ "$waited" -lt "$quiet_wait" ]; do
        sleep 8
        waited=$((waited + 10))
        idle=$(cpu_idle)
    done
    echo "$what: cpu idle ${idle}% before the step (waited ${waited} s); load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/quiet.txt" >&2
}
note() { printf '\n== %s\n' "$*" >&2; }

mkdir -p "$work/corpora" "$work/db" "$results"
echo "run $(date -u +%Y-%m-%dT%H:%M:%SZ): ${labels[*]} (steps: $steps)" >> "$results/quiet.txt"

if step build; then
    note "release build ($scratch)"
    (cd "$root" && swift build -c release --scratch-path "$scratch" --product kb)
fi
[ -x "$kb" ] || { echo "no kb binary at $kb; run with KB_BENCH_STEPS including build" >&2; exit 1; }

{
    echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cores:   $(nproc)"
    echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel:  $(uname -sr)"
    echo "swift:   $(swift --version 2>/dev/null | head -1)"
    echo "sqlite:  $(dpkg-query -W -f '${Version}' libsqlite3-0 2>/dev/null || echo unknown)"
    echo "wrk:     $(if command -v wrk > /dev/null; then { wrk -v 2>&1 || true; } | head -1; else echo 'not installed'; fi)"
} > "$results/machine.txt"
cat "$results/machine.txt" >&2

# The article files of mdn-full per locale, in path order (what kb ingest would read).
locale_files() { (cd "$corpus/files" && find "$1" -type f \( -name '*.md' -o -name '*.markdown' \) ! -name '_*' | LC_ALL=C sort); }

# A folder of hard links to the first files of each locale, in proportion to mdn-full.
make_subset() {
    local n=$1 dir=$2
    [ -f "$dir/.complete" ] && return
    rm -rf "$dir"
    mkdir -p "$dir/files"
    local total=0 locale count
    declare -A counts
    for locale in $(ls "$corpus/files"); do
        [ -d "$corpus/files/$locale" ] || continue
        counts[$locale]=$(locale_files "$locale" | wc -l)
        total=$((total + counts[$locale]))
    done
    local left=$n
    local locales=($(for l in "${!counts[@]}"; do echo "$l"; done | LC_ALL=C sort))
    for i in "${!locales[@]}"; do
        locale=${locales[$i]}
        if [ "$i" -eq $((${#locales[@]} - 1)) ]; then count=$left; else count=$(((n * counts[$locale] + total / 2) / total)); fi
        left=$((left - count))
        locale_files "$locale" | head -n "$count" | while IFS= read -r file; do
            mkdir -p "$dir/files/$(dirname "$file")"
            ln "$corpus/files/$file" "$dir/files/$file" 2> /dev/null || cp "$corpus/files/$file" "$dir/files/$file"
        done
    done
    touch "$dir/.complete"
}

# The folder of articles for a label.
corpus_dir() {
    local label=$1
    case $label in
        mdn-23.6k) echo "$corpus" ;;
        mdn-*k)
            local n=${label#mdn-}
            n=${n%k}
            make_subset $((n * 1000)) "$work/corpora/$label"
            echo "$work/corpora/$label"
            ;;
        synthetic-*k)
            local n=${label#synthetic-}
            n=$((${n%k} * 1000))
            local dir=$work/corpora/$label
            if [ ! -f "$dir/corpus.json" ]; then
                rm -rf "$dir"
                note "kb bench generate --articles $n --langs en,ja,ko --seed $seed --from $corpus $dir"
                "$kb" bench generate --articles "$n" --langs en,ja,ko --seed "$seed" --from "$corpus" "$dir" >&2
            fi
            echo "$dir"
            ;;
        *) echo "unknown corpus $label (mdn-1k, mdn-10k, mdn-23.6k, synthetic-100k)" >&2; exit 1 ;;
    esac
}

# wrk's latency (12.3us, 4.56ms, 1.2s) in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true' EXIT

# Starts kb serve on $port (extra options after the database); sets server_pid; false when it does not answer /healthz.
start_server() {
    local db=$1 log=$2
    shift 2
    "$kb" serve --db "$db" --content "$work/no-content" --port "$port" --log-level error "$@" > "$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    echo "kb serve did not start (see $log)" >&2
    stop_server
    return 1
}

stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=
}

# The first search loads the corpus index; the HTTP status of the last of up to 3 tries.
warm_up() {
    local status
    for _ in 1 2 3; do
        status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' --data-binary 'TypeError: x is not a function' \
            "http://127.0.0.1:$port/api/v1/search" || echo 000)
        [ "$status" = 200 ] && break
    done
    echo "$status"
}

# kb serve with the database loaded: RSS, then wrk at 64 connections without and with the response cache. When the first
# search cannot load the index within the default time budget (every search answers 503), that is recorded and the
# measurement is repeated with --time-budget 30000.
serve_bench() {
    local label=$1 db=$2 qfile=$3
    if ! command -v wrk > /dev/null; then echo "wrk is not installed (apt-get install -y wrk); skipping kb serve" >&2; return; fi
    if ! "$kb" serve --help > /dev/null 2>&1; then echo "this kb has no serve command yet; skipping" >&2; return; fi
    local json="{}" cache budget key
    for cache in 0 2048; do
        for budget in default 30000; do
            wait_quiet "$label serve (cache $cache, time budget $budget)"
            local options=(--cache-entries "$cache")
            [ "$budget" = default ] || options+=(--time-budget "$budget")
            key="cache$cache"
            [ "$budget" = default ] || key="cache${cache}_budget$budget"
            start_server "$db" "$results/$label.serve-$key.log" "${options[@]}" || return 0
            local rss_start=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
            local warm=$(warm_up)
            local rss_loaded=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
            if [ "$warm" != 200 ]; then
                echo "$label: the first searches answered $warm (the corpus index did not load)" >&2
                stop_server
                json=$(jq -n --argjson j "$json" --arg key "$key" --arg status "$warm" '$j + {($key): {warmUpStatus: ($status | tonumber)}}')
                continue
            fi
            local out=$results/$label.wrk-$key.txt
            wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency -s "$here/search.lua" "http://127.0.0.1:$port" -- "$qfile" > "$out" || true
            local peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
            stop_server
            cat "$out" >&2
            local rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
            local p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
            local p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
            local requests=$(awk '/requests in/ {print $1}' "$out")
            local non2xx=$(awk '/Non-2xx/ {print $NF}' "$out")
            local errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
            json=$(jq -n --argjson j "$json" --arg key "$key" --argjson rps "${rps:-0}" --argjson p50 "$p50" --argjson p99 "$p99" \
                --argjson requests "${requests:-0}" --argjson non2xx "${non2xx:-0}" --argjson errors "${errors:-0}" \
                --argjson start "$rss_start" --argjson loaded "$rss_loaded" --argjson peak "$peak" \
                '$j + {($key): {warmUpStatus: 200, requestsPerSecond: $rps, p50Milliseconds: $p50, p99Milliseconds: $p99, requests: $requests,
                  non2xx: $non2xx, socketErrors: $errors, rssStartMB: ($start / 1024), rssLoadedMB: ($loaded / 1024), peakRSSMB: ($peak / 1024)}}')
            break  # the default budget worked
        done
    done
    jq -n --argjson j "$json" --argjson c "$wrk_connections" --argjson d "$wrk_seconds" '$j + {connections: $c, seconds: $d}' > "$results/$label.serve.json"
}

for label in "${labels[@]}"; do
    dir=$(corpus_dir "$label")
    db=$work/db/$label.sqlite
    if step ingest; then
        wait_quiet "$label ingest"
        note "$label: kb bench ingest $dir --db $db --replace"
        "$kb" bench ingest "$dir" --db "$db" --replace --json > "$results/$label.ingest.json"
        jq -c '{files, sourceMB: (.sourceBytes / 1e6), scratch: .fromScratch.seconds, again: .unchanged.seconds, ratio: .databaseToSource}' \
            "$results/$label.ingest.json" >&2
    fi
    if step search; then
        wait_quiet "$label search"
        note "$label: kb bench search --db $db --queries $queries --iterations $iterations --naive"
        "$kb" bench search --db "$db" --queries "$queries" --corpus-queries "$corpus_queries" --seed "$seed" --iterations "$iterations" \
            --naive --json --write-queries "$work/$label.queries.tsv" > "$results/$label.search.json"
        jq -c '.mixes[] | {mix, queries, kb: [.kb.p50, .kb.p95, .kb.p99], limit: [.limit.p50, .limit.p99], ratioP50}' "$results/$label.search.json" >&2
    fi
    if step serve; then
        note "$label: kb serve --db $db under wrk -c$wrk_connections"
        [ -f "$work/$label.queries.tsv" ] || "$kb" bench search --db "$db" --queries "$queries" --corpus-queries "$corpus_queries" \
            --seed "$seed" --iterations 1 --write-queries "$work/$label.queries.tsv" > /dev/null
        serve_bench "$label" "$db" "$work/$label.queries.tsv"
    fi
done

# The tables of docs/PERFORMANCE.md, from every result present.
{
    echo "### Ingest"
    echo
    echo "| corpus | articles | source MB | from scratch | articles/s | MB/s | re-ingest, nothing changed | database | database ÷ source | peak RSS |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for f in $(ls -v "$results"/*.ingest.json 2> /dev/null); do
        [ -f "$f" ] || continue
        label=$(basename "$f" .ingest.json)
        jq -r --arg l "$label" '"| \($l) | \(.fromScratch.added) | \(.sourceBytes / 1e6 * 10 | round / 10) | \(.fromScratch.seconds * 100 | round / 100) s | \(.fromScratch.articlesPerSecond | round) | \(.fromScratch.megabytesPerSecond * 10 | round / 10) | \(.unchanged.seconds * 100 | round / 100) s | \(.databaseBytes / 1e6 | round) MB | \(.databaseToSource * 100 | round / 100)× | \(.peakRSSBytes / 1e6 | round) MB |"' "$f"
    done
    echo
    echo "### Search, in-process (ms)"
    echo
    echo "| corpus | mix | queries | kb p50 | kb p95 | kb p99 | limit p50 | limit p99 | kb ÷ limit (p50) | naive OR p50 | naive OR p99 |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for f in $(ls -v "$results"/*.search.json 2> /dev/null); do
        [ -f "$f" ] || continue
        label=$(basename "$f" .search.json)
        jq -r --arg l "$label" 'def r: . * 100 | round / 100; .mixes[] | "| \($l) | \(.mix) | \(.queries) | \(.kb.p50 | r) | \(.kb.p95 | r) | \(.kb.p99 | r) | \(.limit.p50 | r) | \(.limit.p99 | r) | \(.ratioP50 * 10 | round / 10)× | \(.naive.p50 // 0 | r) | \(.naive.p99 // 0 | r) |"' "$f"
    done
    echo
    echo "### kb serve: memory and /api/v1/search under wrk ($wrk_connections connections, ${wrk_seconds} s)"
    echo
    echo "| corpus | RSS, index loaded | peak RSS | requests/s | p50 | p99 | requests/s, cached | p99, cached | non-2xx + socket errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for f in $(ls -v "$results"/*.serve.json 2> /dev/null); do
        [ -f "$f" ] || continue
        label=$(basename "$f" .serve.json)
        jq -r --arg l "$label" '
            def pick($c): if .[$c].requestsPerSecond then .[$c] else (.[$c + "_budget30000"] // {}) end;
            def note($c): if (.[$c].warmUpStatus // 200) != 200 then " (default budget: every search \(.[$c].warmUpStatus); with --time-budget 30000)" else "" end;
            (pick("cache0")) as $u | (pick("cache2048")) as $c |
            "| \($l) | \($u.rssLoadedMB // 0 | round) MB | \([$u.peakRSSMB // 0, $c.peakRSSMB // 0] | max | round) MB | \($u.requestsPerSecond // 0 | round)\(note("cache0")) | \($u.p50Milliseconds // 0) ms | \($u.p99Milliseconds // 0) ms | \($c.requestsPerSecond // 0 | round) | \($c.p99Milliseconds // 0) ms | \(($u.non2xx // 0) + ($u.socketErrors // 0) + ($c.non2xx // 0) + ($c.socketErrors // 0)) |"' "$f"
    done
} > "$results/summary.md"
note "summary: $results/summary.md"
cat "$results/summary.md"
