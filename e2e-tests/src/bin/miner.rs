//! The proof-of-work miner.
//!
//! * `miner sandbox [solutions] [threads]`: creates a fair-launch suite in the embedded runtime
//!   (the compiled Wasm, `scripts/build` first) and mines `solutions` (default 8) as the fan,
//!   one block of 6 s apart, printing each solution, the hash rate and what was earned.
//!
//! * `miner node <url> <contract> [secret URI] [solutions] [threads]` (built with `--features
//!   node`): mines the proof-of-work contract at `<contract>` (SS58 or 0x hex) on the node at
//!   `<url>` (`ws://127.0.0.1:9944` for a local `substrate-contracts-node`), reading the
//!   challenge and target through subxt, signing each solution with the sr25519 key of the
//!   secret URI (default `//Alice`); `solutions` defaults to 8.
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
        #[cfg(feature = "node")]
        Some("node") if args.len() >= 3 => node::run(
            &args[1],
            &args[2],
            args.get(3).map_or("//Alice", String::as_str),
            arg(&args, 4, 8),
            arg(&args, 5, cores()),
        ),
        _ => {
            eprintln!("usage: miner sandbox [solutions] [threads]");
            eprintln!(
                "       miner node <url> <contract> [secret URI] [solutions] [threads]   (--features node)"
            );
            std::process::exit(2);
        }
    }
}

/// The node mode: the same search, the challenge and target read from a node.
#[cfg(feature = "node")]
mod node {
    use std::sync::atomic::AtomicBool;

    use e2e_tests::node_mining::Node;
    use sp_core::crypto::{AccountId32, Ss58Codec};

    fn fail(message: String) -> ! {
        eprintln!("miner: {message}");
        std::process::exit(1)
    }

    fn address(text: &str) -> [u8; 32] {
        AccountId32::from_ss58check(text)
            .map(<[u8; 32]>::from)
            .ok()
            .or_else(|| {
                let digits = text.strip_prefix("0x")?;
                let bytes: Vec<u8> = (0..digits.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok())
                    .collect::<Option<_>>()?;
                bytes.try_into().ok()
            })
            .unwrap_or_else(|| fail(format!("not an SS58 or 0x address: {text}")))
    }

    pub fn run(url: &str, contract: &str, suri: &str, solutions: u32, threads: usize) {
        let runtime = tokio::runtime::Runtime::new()
            .unwrap_or_else(|error| fail(format!("async runtime: {error}")));
        runtime.block_on(async {
            let node = Node::connect(url, address(contract), suri)
                .await
                .unwrap_or_else(|error| fail(error));
            let token = node.config().await.unwrap_or_else(|error| fail(error)).token;
            let token: [u8; 32] = *token.as_ref();
            let before = node.balance(token).await.unwrap_or_else(|error| fail(error));
            let (mut hashes, mut seconds, mut earned) = (0u64, 0f64, 0u128);
            let mut found_solutions = 0u32;
            while found_solutions < solutions {
                let state = node.state().await.unwrap_or_else(|error| fail(error));
                if !state.started || state.reward == 0 {
                    fail(format!("nothing to mine: started {}, reward {}", state.started, state.reward));
                }
                let work = miner::Work {
                    challenge: state.challenge,
                    miner: node.miner(),
                    target: state.target,
                };
                let found = work
                    .search(0, threads, u64::MAX, &AtomicBool::new(false))
                    .unwrap_or_else(|| fail("no nonce found".into()));
                hashes += found.hashes;
                seconds += found.elapsed.as_secs_f64();
                match node.mine(state.challenge, found.nonce).await {
                    Ok(Ok(reward)) => {
                        found_solutions += 1;
                        earned += reward;
                        println!(
                            "solution {:>3}: nonce {:#034x}, difficulty {}, {} hashes in {:.2} s, reward {reward}",
                            state.solutions,
                            found.nonce,
                            state.difficulty,
                            found.hashes,
                            found.elapsed.as_secs_f64()
                        );
                    }
                    // A solution already landed in this block: the next one can only land in
                    // a later block (the dry run runs on the latest one).
                    Ok(Err(proof_of_work::PowError::OnePerBlock)) => {
                        println!("one solution per block: waiting for the next block");
                        node.next_block().await.unwrap_or_else(|error| fail(error));
                    }
                    // Another miner was faster: read the new state and search again.
                    Ok(Err(refused)) => println!("solution refused ({refused:?}); searching again"),
                    Err(error) => fail(error),
                }
            }
            let after = node.balance(token).await.unwrap_or_else(|error| fail(error));
            println!(
                "{solutions} solutions on {threads} threads: {:.2} MH/s; earned {earned} (balance {before} -> {after})",
                hashes as f64 / seconds.max(f64::EPSILON) / 1e6
            );
        });
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
