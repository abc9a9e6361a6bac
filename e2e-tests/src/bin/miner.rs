//! The proof-of-work miner.
//!
//! * `miner sandbox [solutions] [threads]`: creates a fair-launch suite in the embedded runtime
//!   (the compiled Wasm, `scripts/build` first) and mines `solutions` (default 8) as the fan,
//!   one block of 6 s apart, printing each solution, the hash rate and what was earned.
//!
//! Threads default to every core. The miner's speed against the raw hash is measured by
//! `cargo run --release -p miner --bin hashrate` (`scripts/bench` runs it). Run this program
//! with `--release` too: the search is the `miner` crate's, compiled as the program is.

use e2e_tests::{actors::fan, fixtures::Economy, ink_id, pow_mining};

fn arg<T: std::str::FromStr>(args: &[String], index: usize, default: T) -> T {
    args.get(index).map_or(default, |text| {
        text.parse().unwrap_or_else(|_| {
            eprintln!("not a number: {text}");
            std::process::exit(2)
        })
    })
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sandbox") => sandbox(arg(&args, 1, 8), arg(&args, 2, cores())),
        _ => {
            eprintln!("usage: miner sandbox [solutions] [threads]");
            std::process::exit(2);
        }
    }
}

fn sandbox(solutions: u32, threads: usize) {
    let mut economy = Economy::fair();
    let pow = economy.suite.pow.clone();
    let (mut hashes, mut seconds, mut earned) = (0u64, 0f64, 0u128);
    for _ in 0..solutions {
        let mined = pow_mining::mine_once(&mut economy.chain, &pow, &fan(), threads, 6_000);
        let reward = mined.answer.unwrap_or_else(|error| {
            eprintln!("the contract refused a solution: {error:?}");
            std::process::exit(1)
        });
        hashes += mined.hashes;
        seconds += mined.elapsed.as_secs_f64();
        earned += reward;
        println!(
            "solution {:>3}: nonce {:#034x}, difficulty {}, {} hashes in {:.2} s, reward {}, mine() ref_time {}",
            mined.state.solutions,
            mined.nonce,
            mined.state.difficulty,
            mined.hashes,
            mined.elapsed.as_secs_f64(),
            reward,
            mined.receipt.gas.ref_time()
        );
    }
    let balance: u128 =
        economy
            .chain
            .read(&economy.suite.token, "PSP22::balance_of", ink_id(&fan()));
    println!(
        "{solutions} solutions on {threads} threads: {:.2} MH/s; earned {earned} (balance {balance})",
        hashes as f64 / seconds.max(f64::EPSILON) / 1e6
    );
}
