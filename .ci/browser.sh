#!/usr/bin/env bash
# The HTML report in a real browser: render the seeds' report and the
# hostile fixture's (tests/fixtures/hostile_html) with `crosscheck report
# --format html`, load both in headless Chromium, and check the DOM it dumps
# (.ci/browser_check.py): the conflict sections the summary states, SVG
# charts, and that nothing in the hostile text ran. A control page with a
# live script proves the canaries would be seen. Screenshots go to
# target/browser/ for a person to look at. Installs Debian's chromium when
# no Chromium is found (as root, or with passwordless sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
out=target/browser
mkdir -p "$out"

find_browser() {
    local b
    for b in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$b" >/dev/null 2>&1; then
            command -v "$b"
            return 0
        fi
    done
    return 1
}

if ! browser=$(find_browser); then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        echo "browser.sh: no Chromium, and no way to install it (not root, no passwordless sudo)" >&2
        exit 1
    fi
    echo "browser.sh: installing chromium (log: $out/apt.log)"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get install -y --no-install-recommends chromium >"$out/apt.log" 2>&1; then
        "${sudo[@]}" apt-get update >>"$out/apt.log" 2>&1
        "${sudo[@]}" apt-get install -y --no-install-recommends chromium >>"$out/apt.log" 2>&1 \
            || { tail -20 "$out/apt.log" >&2; exit 1; }
    fi
    browser=$(find_browser)
fi
echo "browser.sh: $("$browser" --version 2>/dev/null || echo "$browser")"

# The reports, as a user makes them.
cargo build --quiet
xc=target/debug/crosscheck
"$xc" report --no-cache --format html -o "$out/seeds.html" --rules rules --sources seeds
"$xc" report --no-cache --format html -o "$out/hostile.html" --rules rules --sources tests/fixtures/hostile_html

# A control: a page whose canaries do run, to prove the check sees them.
cat >"$out/control.html" <<'HTML'
<!DOCTYPE html><html><head><title>crosscheck report</title></head><body>
<section id="summary" data-conflicts="0"></section><svg></svg>
<script>document.title='PWNED'</script>
<img src=x onerror="document.body.setAttribute('data-pwned','1')">
</body></html>
HTML

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
    timeout 120 "$browser" --headless --disable-gpu --no-sandbox --no-first-run \
        --disable-extensions --disable-background-networking --user-data-dir="$profile" \
        --virtual-time-budget=2000 "$@" 2>>"$out/chromium.log"
}
: >"$out/chromium.log"
for page in seeds hostile control; do
    url="file://$(pwd)/$out/$page.html"
    chrome --dump-dom "$url" >"$out/$page.dom.html"
    chrome --screenshot="$out/$page.png" --window-size=1280,4000 "$url" >/dev/null
done

python3 .ci/browser_check.py "$out/seeds.dom.html" --conflicts 8
python3 .ci/browser_check.py "$out/hostile.dom.html" --conflicts 1 --hostile
if python3 .ci/browser_check.py "$out/control.dom.html" --conflicts 0 --hostile 2>"$out/control.err"; then
    echo "browser.sh: the control page's script ran unseen: the check is blind" >&2
    exit 1
fi
grep -q "PWNED" "$out/control.err" && grep -q "data-pwned" "$out/control.err" || {
    echo "browser.sh: the control page's canaries did not run:" >&2
    cat "$out/control.err" >&2
    exit 1
}
echo "browser.sh: ok in $((SECONDS - start)) s; screenshots: $out/seeds.png, $out/hostile.png"
