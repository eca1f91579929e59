#!/usr/bin/env bash
# Debian packages the test suite needs: chromium (browser tests, driven by Playwright with
# executable_path=/usr/bin/chromium; `playwright install` is never used).
# Installs them when missing and when we can (root + apt-get); otherwise says which tests
# will be skipped. Never fails the build by itself.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || echo "system-deps: could not install ${need[*]}; browser tests will be skipped"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends "${need[@]}" \
    || echo "system-deps: could not install ${need[*]}; browser tests will be skipped"
else
  echo "system-deps: missing ${need[*]} (need root to install); browser tests will be skipped"
fi
exit 0
