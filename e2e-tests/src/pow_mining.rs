//! Proof-of-work mining against the embedded runtime: the miner's search (crate `miner`, every
//! core) on the challenge and target the contract answers, the solution submitted in the next
//! block. Shared by the tests, the demo and `bin/miner.rs`'s sandbox mode.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use proof_of_work::{PowError, PowState};

use crate::{AccountId32, Chain, Contract, Receipt};

/// One solution found and submitted.
#[derive(Debug)]
pub struct Mined {
    /// The state the search started from.
    pub state: PowState,
    pub nonce: u128,
    /// What the search cost.
    pub hashes: u64,
    pub elapsed: Duration,
    /// The contract's answer (the reward) and the call's receipt.
    pub answer: Result<u128, PowError>,
    pub receipt: Receipt,
}

/// The contract's state, as a miner reads it.
pub fn state(chain: &mut Chain, pow: &Contract) -> PowState {
    chain.read(pow, "state", ())
}

/// `miner` finds a nonce for the current challenge on `threads` threads and submits it in a
/// new block `block_time` ms after the previous one. Panics if no nonce is found within
/// 2^40 hashes per thread (far beyond any difficulty a sandbox test sets).
pub fn mine_once(
    chain: &mut Chain,
    pow: &Contract,
    miner: &AccountId32,
    threads: usize,
    block_time: u64,
) -> Mined {
    let state = state(chain, pow);
    let work = miner::Work {
        challenge: state.challenge,
        miner: *miner.as_ref(),
        target: state.target,
    };
    let found = work
        .search(0, threads, 1 << 40, &AtomicBool::new(false))
        .unwrap_or_else(|| panic!("no nonce within 2^40 hashes per thread"));
    chain.next_block(block_time);
    let (answer, receipt) =
        chain.send::<u128, PowError>(pow, miner, "mine", (state.challenge, found.nonce));
    Mined {
        state,
        nonce: found.nonce,
        hashes: found.hashes,
        elapsed: found.elapsed,
        answer,
        receipt,
    }
}
