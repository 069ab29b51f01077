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
DEB_TEST="xvfb xauth webkit2gtk-driver imagemagick xdotool x11-utils fonts-inter"
RPM_BUILD="webkit2gtk4.1-devel openssl-devel curl wget file libxdo-devel libappindicator-gtk3-devel librsvg2-devel gcc gcc-c++ make pkgconf-pkg-config"
RPM_TEST="xorg-x11-server-Xvfb xorg-x11-xauth webkit2gtk4.1 ImageMagick xdotool xorg-x11-utils"
ARCH_BUILD="webkit2gtk-4.1 base-devel curl wget file openssl libxdo libayatana-appindicator librsvg pkgconf"
ARCH_TEST="xorg-server-xvfb xorg-xauth imagemagick xdotool xorg-xwininfo"

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

# The Tauri bundler (cargo tauri build), pinned to the tauri crate's minor
# version, into .tools/ like tauri-driver.
TAURI_CLI_VERSION=2.12.4
ensure_tauri_cli() {
  local bin="$TOOLS/bin/cargo-tauri"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q " $TAURI_CLI_VERSION\$"; then
    return 0
  fi
  say "installing tauri-cli $TAURI_CLI_VERSION into .tools/ (a few minutes, once)"
  cargo install tauri-cli --version "$TAURI_CLI_VERSION" --locked --root "$TOOLS" --quiet
}

# tauri-driver goes into the project's own .tools/, never the user's cargo bin.
TAURI_DRIVER_VERSION=2.1.0
ensure_tauri_driver() {
  local bin="$TOOLS/bin/tauri-driver"
  if [ -x "$bin" ] && "$bin" --help >/dev/null 2>&1; then
    return 0
  fi
  say "installing tauri-driver $TAURI_DRIVER_VERSION into .tools/"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --root "$TOOLS" --quiet
}
