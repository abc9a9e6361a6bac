# Shared by the scripts: repo root, the pinned versions, and logging.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUST_TOOLCHAIN="1.91.1"
CARGO_CONTRACT_VERSION="5.0.3"
export PATH="$HOME/.cargo/bin:$PATH"
# Every contract crate under contracts/ (the library crate `psp` is not a contract).
CONTRACTS=(creator-token creator-nft reward-distributor mining-pool creator-vesting creator-factory creator-market)
# Test-only contracts (paths from the repo root), built by a plain `scripts/build`.
TEST_CONTRACTS=(e2e-tests/hostile-psp22)
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
crate_name() { echo "${1//-/_}"; }
