//! `cargo run --release -p miner --bin hashrate -- [seconds] [threads]`: the miner's hashes
//! per second per core next to the raw speed of Keccak-256 (80 bytes, the `sha3` crate) on one
//! core of this machine, and whether the miner reaches 90 % of it. `scripts/bench` runs it.
//! Threads default to every core.

use std::time::Duration;

fn arg<T: std::str::FromStr>(index: usize, default: T) -> T {
    std::env::args().nth(index).map_or(default, |text| {
        text.parse().unwrap_or_else(|_| {
            eprintln!("usage: hashrate [seconds] [threads]");
            std::process::exit(2)
        })
    })
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let speeds = miner::measure(arg(2, cores), Duration::from_secs(arg(1, 3)));
    let ratio = speeds.miner_per_core / speeds.raw_per_core;
    println!(
        "raw Keccak-256 of 80 bytes, one core: {:.3} MH/s",
        speeds.raw_per_core / 1e6
    );
    println!(
        "miner on {} threads: {:.3} MH/s in all, {:.3} MH/s per core",
        speeds.threads,
        speeds.miner_total / 1e6,
        speeds.miner_per_core / 1e6
    );
    println!(
        "  [{}] miner per core >= 90 % of the raw hash: {:.1} %",
        if ratio >= 0.9 { "met" } else { "MISSED" },
        ratio * 100.0
    );
}
