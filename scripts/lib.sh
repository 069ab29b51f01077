# Shared helpers for scripts/run and scripts/test. Sourced, not executed.
#
# Everything here is idempotent: what is already installed is skipped, so the
# scripts are safe to run again and run unattended (no terminal, no stdin).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@" 2>/dev/null || sudo "$@"
  else
    die "need root to run: $* (no sudo found; run it as root and try again)"
  fi
}

# System packages, by distribution family. BUILD is what compiling the app
# needs; TEST is what driving and screenshotting the real window needs.
DEB_BUILD="libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev pkg-config ca-certificates"
# fonts-inter: the typeface the UI prefers, so screenshots look as designed.
# desktop-file-utils: the package check validates the installed desktop entry.
# ripgrep: what the search benchmark measures Candor against (grep -r stands
# in without it, and is no fair comparison).
DEB_TEST="xvfb xauth webkit2gtk-driver imagemagick xdotool x11-utils fonts-inter desktop-file-utils ripgrep"
RPM_BUILD="webkit2gtk4.1-devel openssl-devel curl wget file libxdo-devel libappindicator-gtk3-devel librsvg2-devel gcc gcc-c++ make pkgconf-pkg-config"
RPM_TEST="xorg-x11-server-Xvfb xorg-x11-xauth webkit2gtk4.1 ImageMagick xdotool xorg-x11-utils ripgrep"
ARCH_BUILD="webkit2gtk-4.1 base-devel curl wget file openssl libxdo libayatana-appindicator librsvg pkgconf"
ARCH_TEST="xorg-server-xvfb xorg-xauth imagemagick xdotool xorg-xwininfo ripgrep"

# install_system_packages build|test
install_system_packages() {
  local what=$1 missing=()
  case "$(uname -s)" in
    Linux) ;;
    *) say "not Linux: no system packages needed beyond the Rust toolchain"; return 0 ;;
  esac
  if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    local list=$DEB_BUILD
    [ "$what" = test ] && list="$DEB_BUILD $DEB_TEST"
    for p in $list; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing system packages: ${missing[*]}"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  elif command -v dnf >/dev/null 2>&1; then
    local list=$RPM_BUILD
    [ "$what" = test ] && list="$RPM_BUILD $RPM_TEST"
    for p in $list; do rpm -q "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing system packages: ${missing[*]}"
      as_root dnf install -y -q "${missing[@]}"
    fi
  elif command -v pacman >/dev/null 2>&1; then
    local list=$ARCH_BUILD
    [ "$what" = test ] && list="$ARCH_BUILD $ARCH_TEST"
    for p in $list; do pacman -Q "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing system packages: ${missing[*]}"
      as_root pacman -S --needed --noconfirm "${missing[@]}"
    fi
  else
    say "unknown Linux distribution: install the WebKitGTK 4.1 development files yourself (see README)"
  fi
}

# The Rust toolchain, with rustfmt and clippy.
ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    say "installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs \
      | sh -s -- -y --profile minimal --component rustfmt,clippy >/dev/null
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if command -v rustup >/dev/null 2>&1; then
    local installed
    installed=$(rustup component list --installed 2>/dev/null || true)
    for c in rustfmt clippy; do
      echo "$installed" | grep -q "^$c" || rustup component add "$c" >/dev/null
    done
  fi
}

# Tools built from crates.io, pinned, and linked into the project's own
# .tools/bin (never the user's cargo bin). Each version is built once per
# machine into a cache outside the checkout ($CANDOR_TOOL_CACHE, by default
# ~/.cache/candor/tools), so a fresh clone links it instead of spending
# minutes compiling it again; a missing or broken one is built.
TOOL_CACHE=${CANDOR_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/candor/tools}

# ensure_cargo_tool CRATE VERSION BINARY CHECK-ARG...
# CHECK-ARG... is run on the cached binary to tell that it works; the cache
# folder is named for the version, so a working binary there is VERSION.
ensure_cargo_tool() {
  local crate=$1 version=$2 binary=$3; shift 3
  local root="$TOOL_CACHE/$crate-$version"
  if ! "$root/bin/$binary" "$@" >/dev/null 2>&1; then
    say "installing $crate $version (a few minutes, once per machine)"
    rm -rf "$root"
    cargo install "$crate" --version "$version" --locked --root "$root" --quiet
  fi
  mkdir -p "$TOOLS/bin"
  ln -sfn "$root/bin/$binary" "$TOOLS/bin/$binary"
}

# The Tauri bundler (cargo tauri build), pinned to the tauri crate's minor
# version.
TAURI_CLI_VERSION=2.12.4
ensure_tauri_cli() {
  ensure_cargo_tool tauri-cli "$TAURI_CLI_VERSION" cargo-tauri --version
}

# tauri-driver, the WebDriver server the end-to-end tests talk to.
TAURI_DRIVER_VERSION=2.1.0
ensure_tauri_driver() {
  ensure_cargo_tool tauri-driver "$TAURI_DRIVER_VERSION" tauri-driver --help
}
