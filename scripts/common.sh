# Shared by the scripts: repo root, the pinned versions, the contract list, and logging.
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUST_TOOLCHAIN="1.91.1"
CARGO_CONTRACT_VERSION="5.0.3"
export PATH="$HOME/.cargo/bin:$PATH"
# The suite's contracts, read from contracts/LIST (the one list; see its header): CONTRACTS
# holds their directories under contracts/, ROLES their fields in the factory's Suite and
# CodeHashes (`factory` for the factory), in the same order.
CONTRACTS=()
ROLES=()
while read -r dir role _ || [ -n "${dir:-}" ]; do
  case "$dir" in '' | '#'*) continue ;; esac
  CONTRACTS+=("$dir")
  ROLES+=("${role:?contracts/LIST: $dir has no role}")
done < contracts/LIST
# Test-only contracts (paths from the repo root), built by a plain `scripts/build`.
TEST_CONTRACTS=(e2e-tests/hostile-psp22)
# The BLAKE2-256 hash of file $1 (a Wasm's code hash), as 0x-prefixed hex.
blake2_256() {
  python3 -c 'import hashlib,sys; print("0x" + hashlib.blake2b(open(sys.argv[1], "rb").read(), digest_size=32).hexdigest())' "$1"
}
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
crate_name() { echo "${1//-/_}"; }
# The crate name of the contract whose role (contracts/LIST) is $1.
crate_of_role() {
  local i
  for i in "${!ROLES[@]}"; do
    [ "${ROLES[$i]}" != "$1" ] || { crate_name "${CONTRACTS[$i]}"; return 0; }
  done
  echo "contracts/LIST has no contract with role $1" >&2
  return 1
}
# cargo-contract gives every contract its own target dir, target/ink/<crate>, and in it builds
# the metadata generator for the host in release/: about 200 host crates (syn, the ink! macros,
# scale-info, ...), 790 MB and most of the build's time, the same for every contract. Linking
# each contract's release/ to one shared directory builds them once. Only the metadata
# generator lives there: the Wasm is built in <crate>/wasm32-unknown-unknown, untouched.
# Usage: share_host_dir <the contract's target dir> [<shared dir>], before its
# `cargo contract build` (the shared dir defaults to target/ink/host-release).
share_host_dir() {
  local dir="$1" shared="${2:-$ROOT/target/ink/host-release}"
  mkdir -p "$dir" "$shared"
  [ -L "$dir/release" ] && return 0
  rm -rf "$dir/release"
  ln -s "$shared" "$dir/release"
}

# Installs the locked npm dependencies of the package in directory $1 when node_modules is
# missing or its package-lock.json changed since the last install.
npm_ci_if_changed() {
  local stamp="$1/node_modules/.package-lock.sha256" lock
  # sha256sum is GNU coreutils; macOS has shasum.
  if command -v sha256sum > /dev/null; then
    lock="$(sha256sum < "$1/package-lock.json" | cut -d' ' -f1)"
  else
    lock="$(shasum -a 256 < "$1/package-lock.json" | cut -d' ' -f1)"
  fi
  if [ ! -d "$1/node_modules" ] || [ "$(cat "$stamp" 2> /dev/null)" != "$lock" ]; then
    say "npm ci (${1#"$ROOT"/})"
    (cd "$1" && npm ci --no-audit --no-fund)
    echo "$lock" > "$stamp"
  fi
}

# Prints the calling script's header comment (from line 2 to the first line that is not a
# comment), for --help.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }

# node_test_result LABEL STATUS TAP EXTRA_PASS EXTRA_FAIL: the cargo-style "test result:" line
# of a `node --test` run (its TAP report in TAP, its exit status STATUS) plus checks counted
# outside it; returns non-zero on any failure (a crash before the summary counts as one).
node_test_result() {
  local label="$1" status="$2" tap="$3" pass fail skipped
  read -r pass fail skipped < <(awk '/^# pass /{p=$3} /^# fail /{f=$3} /^# skipped /{s=$3} END{print p+0, f+0, s+0}' "$tap" 2> /dev/null || echo 0 0 0)
  pass=$((pass + $4))
  fail=$((fail + $5))
  if [ "$status" -ne 0 ] || [ "$fail" -ne 0 ]; then
    [ "$fail" -eq 0 ] && fail=1
    echo "test result: FAILED. $pass passed; $fail failed; $skipped ignored ($label)"
    return 1
  fi
  echo "test result: ok. $pass passed; $fail failed; $skipped ignored ($label)"
}
