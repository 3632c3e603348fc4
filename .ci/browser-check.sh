#!/usr/bin/env bash
# Checks kb's web pages in a real headless Chromium against a running `kb serve` (temp port, temp database made from
# Content/ plus the fixtures in Tests/Fixtures/web/articles), and saves screenshots under docs/screenshots/.
#
#   .ci/browser-check.sh                     # builds kb (swift build), installs chromium + CJK fonts when missing
#   KB_BIN=.build/debug/kb .ci/browser-check.sh
#   KB_SCREENSHOTS=/tmp/shots .ci/browser-check.sh    # somewhere else; KB_SCREENSHOTS= (empty) makes none
#
# Prints one line per check and ends with "N passed, M failed"; exits 1 when a check failed, 2 when it could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SHOTS="${KB_SCREENSHOTS-docs/screenshots}"
FIXTURES="$ROOT/Tests/Fixtures/web"

die() { echo "browser-check: $*" >&2; echo "0 passed, 1 failed"; exit 2; }

# --- What a fresh machine lacks: Chromium, and CJK fonts (else Japanese and Korean show as boxes). -------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "==> installing ${need_apt[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || die "could not install ${need_apt[*]}"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed to serve the third-party test page"

# --- kb ---------------------------------------------------------------------------------------------------------
KB="${KB_BIN:-}"
if [ -z "$KB" ]; then
    echo "==> swift build --product kb"
    swift build --product kb >/dev/null || die "swift build failed"
    KB="$(swift build --show-bin-path)/kb"
fi
[ -x "$KB" ] || die "no kb binary at $KB"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/kb-browser-check.XXXXXX")"
KB_PID=""
SITE_PID=""
cleanup() {
    [ -n "$KB_PID" ] && kill "$KB_PID" 2>/dev/null
    [ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

# The bundled articles plus the fixtures (one with a table and code in three languages, one full of hostile markup).
mkdir -p "$TMP/content"
cp -R Content/. "$TMP/content/"
for dir in "$FIXTURES"/articles/*/; do
    lang="$(basename "$dir")"
    mkdir -p "$TMP/content/$lang"
    cp "$dir"*.md "$TMP/content/$lang/"
done

# Port 0: the kernel picks a free port, and the server's log says which.
"$KB" serve --db "$TMP/kb.sqlite" --content "$TMP/content" --host 127.0.0.1 --port 0 >"$TMP/serve.log" 2>&1 &
KB_PID=$!
BASE=""
for _ in $(seq 1 600); do
    port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$TMP/serve.log" | head -n 1)"
    if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
        BASE="http://127.0.0.1:$port"
        break
    fi
    kill -0 "$KB_PID" 2>/dev/null || break
    sleep 0.1
done
[ -n "$BASE" ] || { cat "$TMP/serve.log" >&2; die "kb serve did not become ready"; }
echo "==> kb serve at $BASE"

# The third-party page, from another origin (a second port), as a site embedding kb would serve it.
mkdir -p "$TMP/site"
sed "s|__KB_BASE__|$BASE|g" "$FIXTURES/embed-test.html" >"$TMP/site/index.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$TMP/site" >"$TMP/site.log" 2>&1 &
SITE_PID=$!
SITE=""
for _ in $(seq 1 100); do
    port="$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$TMP/site.log" | head -n 1)"
    if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1; then
        SITE="http://127.0.0.1:$port"
        break
    fi
    sleep 0.1
done
[ -n "$SITE" ] || die "the test page server did not start"

# --- Chromium -----------------------------------------------------------------------------------------------------
CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars
    --disable-extensions --user-data-dir="$TMP/profile" --lang=en-US)

# dom URL [ms]: the DOM after the page's scripts ran (virtual time, so waiting costs nothing real).
dom() {
    timeout 60 chromium "${CHROME_FLAGS[@]}" --virtual-time-budget="${2:-3000}" --dump-dom "$1" 2>>"$TMP/chromium.log"
}
# console URL: the browser's log while loading URL (CSP violations show here as "Refused to …").
console() {
    timeout 60 chromium "${CHROME_FLAGS[@]}" --virtual-time-budget=3000 --enable-logging=stderr --v=0 --dump-dom "$1" 2>&1 >/dev/null
}
# shot FILE WIDTH HEIGHT URL
shot() {
    timeout 60 chromium "${CHROME_FLAGS[@]}" --virtual-time-budget=3000 --window-size="$2,$3" --screenshot="$1" "$4" >/dev/null 2>>"$TMP/chromium.log"
}

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS  $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1"; [ -n "${2:-}" ] && echo "      $2"; }
# expect NAME TEXT FIXED-STRING...: passes when TEXT contains every string.
expect() {
    local name="$1" text="$2"
    shift 2
    for needle in "$@"; do
        if ! grep -qF -- "$needle" <<<"$text"; then
            fail "$name" "missing: $needle"
            return
        fi
    done
    pass "$name"
}
first_result() { grep -o 'data-slug="[^"]*"' <<<"$1" | head -n 1; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# 1. Pasting an error into the search page (GET /?q=…) shows the right article first.
q="$(urlencode "npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/typescript'")"
page="$(dom "$BASE/?q=$q&lang=en")"
if [ "$(first_result "$page")" = 'data-slug="en/npm-eacces-permission-denied-global-install"' ]; then
    pass "search: a pasted npm error shows its article first"
else
    fail "search: a pasted npm error shows its article first" "first result: $(first_result "$page")"
fi
expect "search: labelled form, highlights and the matched line" "$page" '<label for="q">' '<label for="lang">' '<mark>' 'class="matched"'

log="$(printf '%s\n' "Run docker build -t app ." "#14 [runtime 4/6] COPY --from=build /app/dist ./dist" \
    "ERROR: failed to solve: failed to create temp dir: mkdir /tmp/containerd-mount2714038117: no space left on device")"
page="$(dom "$BASE/?q=$(urlencode "$log")&lang=ja")"
if [ "$(first_result "$page")" = 'data-slug="ja/docker-build-no-space-left-on-device"' ]; then
    pass "search: a pasted Docker log in Japanese shows the Japanese article first"
else
    fail "search: a pasted Docker log in Japanese shows the Japanese article first" "first result: $(first_result "$page")"
fi
expect "search: the page speaks Japanese" "$page" '<html lang="ja"' 'エラーメッセージまたはログ'

# 2. An article page renders a code block and a table and links its translations.
page="$(dom "$BASE/a/ja/docker-build-no-space-left-on-device")"
expect "article: code block, table, translations, <html lang>" "$page" '<html lang="ja"' '<pre><code class="language-bash">' \
    '<table>' '<th>コマンド</th>' 'href="/a/en/docker-build-no-space-left-on-device"' 'href="/a/ko/docker-build-no-space-left-on-device"'
page="$(dom "$BASE/a/en/yarn-enospc-watchers")"
expect "article: fixture table, code and autolink" "$page" '<th>Setting</th>' '<pre><code class="language-bash">sudo sysctl' \
    '<a href="https://man7.org/linux/man-pages/man7/inotify.7.html">'

# 3. A tag page lists its articles; the tag index counts them per language.
page="$(dom "$BASE/tags/docker")"
expect "tags: /tags/docker lists its articles" "$page" 'data-slug="en/docker-exec-format-error"' 'data-slug="ja/docker-exec-format-error"' \
    'data-slug="ko/docker-hub-pull-rate-limit"'
page="$(dom "$BASE/tags/docker?lang=ko")"
if grep -qF 'data-slug="ko/docker-exec-format-error"' <<<"$page" && ! grep -qF 'data-slug="en/' <<<"$page"; then
    pass "tags: ?lang=ko shows only Korean articles"
else
    fail "tags: ?lang=ko shows only Korean articles"
fi
expect "tags: language filters with counts" "$page" 'aria-current="true">한국어 ('
page="$(dom "$BASE/tags")"
expect "tags: /tags links every tag, with counts per language" "$page" 'href="/tags/docker"' 'href="/tags/inotify?lang=ja"'

# 4. A third-party page that embeds /embed.js shows the fix (and one that frames /embed).
page="$(dom "$SITE/" 8000)"
expect "embed.js: the widget on another origin shows the fix" "$page" 'id="kb-help" data-kb-help="" data-kb-error-from="#build-log"' \
    'data-kb-state="match"' 'data-kb-match="en/npm-eacces-permission-denied-global-install"' \
    "href=\"$BASE/a/en/npm-eacces-permission-denied-global-install\""
expect "embed.js: an empty input shows a prompt, in the page's language" "$page" 'data-kb-state="idle"' 'エラーを貼り付けるか入力すると'
page="$(dom "$BASE/embed?error=$(urlencode "no space left on device")&lang=ko")"
expect "embed: the iframe page shows the Korean fix" "$page" 'data-slug="ko/docker-build-no-space-left-on-device"' 'target="_blank"' '추천 해결 방법'

# 5. An article containing <script> (and event handlers, javascript: links) runs none of it.
page="$(dom "$BASE/a/en/hostile-markup" 5000)"
if grep -qF 'KBFIXTURE-END' <<<"$page" && ! grep -qF 'data-pwned' <<<"$page" && ! grep -qF '<title>PWNED' <<<"$page"; then
    pass "safety: the hostile article's scripts did not run"
else
    fail "safety: the hostile article's scripts did not run" "$(grep -o 'data-pwned="[^"]*"' <<<"$page" | head -n 1)"
fi
if grep -qiE 'onerror=|onmouseover=|javascript:|<iframe' <<<"$page"; then
    fail "safety: no handlers, javascript: URLs or frames in the DOM"
else
    pass "safety: no handlers, javascript: URLs or frames in the DOM"
fi
q="$(urlencode '"><script>document.documentElement.setAttribute("data-pwned","q")</script>')"
page="$(dom "$BASE/?q=$q")"
if grep -qF 'data-pwned="q"' <<<"$page"; then fail "safety: a query with markup is shown, not run"; else pass "safety: a query with markup is shown, not run"; fi
refused="$(for url in "$BASE/?q=exec+format+error" "$BASE/a/ko/npm-eacces-permission-denied-global-install" "$BASE/tags" "$BASE/embed?error=x"; do
    console "$url"
done | grep -E "Refused to|Content Security Policy" | head -n 3)"
if [ -z "$refused" ]; then pass "safety: kb's own pages break none of their CSP"; else fail "safety: kb's own pages break none of their CSP" "$refused"; fi

# 6. A missing page offers a search.
page="$(dom "$BASE/no/such/page")"
expect "404: a missing page offers a search" "$page" 'Page not found' '<form class="search-form compact" method="get" action="/"'

# --- Screenshots (also checked: each must be a real PNG of some size) -------------------------------------------------
if [ -n "$SHOTS" ]; then
    mkdir -p "$SHOTS"
    q="$(urlencode "npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/typescript'")"
    while read -r name url; do
        for width in 1280 390; do
            height=900
            [ "$width" = 390 ] && height=844
            file="$SHOTS/$name-$width.png"
            rm -f "$file"
            shot "$file" "$width" "$height" "$url"
            size="$(stat -c %s "$file" 2>/dev/null || echo 0)"
            if [ "$size" -gt 10000 ] && [ "$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
                pass "screenshot: $file"
            else
                fail "screenshot: $file" "no PNG written ($size bytes)"
            fi
        done
    done <<EOF
search $BASE/?q=$q&lang=en
article-ja $BASE/a/ja/docker-build-no-space-left-on-device
article-ko $BASE/a/ko/npm-eacces-permission-denied-global-install
embed $SITE/
EOF
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
