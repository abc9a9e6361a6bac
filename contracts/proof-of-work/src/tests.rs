//! The contract's refusals off chain (an accepted solution mints through the token, a
//! cross-contract call: those run on the compiled Wasm in `e2e-tests/tests/proof_of_work.rs`).

use crate::proof_of_work::ProofOfWork;
use crate::{work, PowConfig, PowError};
use ink::env::{test, DefaultEnvironment};
use ink::primitives::AccountId;

/// The types' test configuration, at difficulty 256 (a wrong nonce is easy to find too).
fn config() -> PowConfig {
    PowConfig {
        initial_difficulty: 256,
        ..crate::types::tests::config()
    }
}

fn at(timestamp: u64) {
    test::set_block_timestamp::<DefaultEnvironment>(timestamp);
}

fn caller(account: AccountId) {
    test::set_caller::<DefaultEnvironment>(account);
}

fn alice() -> AccountId {
    test::default_accounts::<DefaultEnvironment>().alice
}

fn bob() -> AccountId {
    test::default_accounts::<DefaultEnvironment>().bob
}

/// The first nonce whose digest for `miner` meets (or, with `meeting` false, misses) `target`.
fn nonce_for(challenge: &[u8; 32], miner: AccountId, target: u128, meeting: bool) -> u128 {
    (0u128..)
        .find(|nonce| work::meets(&work::digest(challenge, &miner, *nonce), target) == meeting)
        .expect("found")
}

#[ink::test]
fn an_inconsistent_config_is_refused() {
    let bad = PowConfig {
        initial_difficulty: 1,
        ..config()
    };
    assert!(matches!(
        ProofOfWork::new(bad),
        Err(PowError::InvalidConfig)
    ));
}

#[ink::test]
fn the_state_before_and_at_the_start() {
    let pow = ProofOfWork::new(config()).expect("valid");
    let state = pow.state();
    assert!(!state.started);
    assert_eq!(state.target, u128::MAX / 256);
    assert_eq!(state.difficulty, 256);
    assert_eq!(state.reward, 50);
    assert_eq!((state.solutions, state.era, state.minted), (0, 0, 0));
    assert_ne!(state.challenge, [0; 32]);
    at(1_000);
    assert!(pow.state().started);
    assert_eq!(pow.config().emission.cap, 10_000);
}

#[ink::test]
fn refusals_before_the_start_for_old_challenges_and_for_wrong_nonces() {
    let mut pow = ProofOfWork::new(config()).expect("valid");
    let state = pow.state();
    caller(alice());
    let good = nonce_for(&state.challenge, alice(), state.target, true);
    at(999);
    assert_eq!(pow.mine(state.challenge, good), Err(PowError::NotStarted));
    at(1_000);
    assert_eq!(pow.mine([0; 32], good), Err(PowError::Stale));
    let bad = nonce_for(&state.challenge, alice(), state.target, false);
    assert_eq!(pow.mine(state.challenge, bad), Err(PowError::AboveTarget));
    // Alice's nonce, submitted by Bob, is Bob's digest: it misses unless Bob's happens to meet.
    let stolen = (0u128..)
        .find(|nonce| {
            work::meets(
                &work::digest(&state.challenge, &alice(), *nonce),
                state.target,
            ) && !work::meets(
                &work::digest(&state.challenge, &bob(), *nonce),
                state.target,
            )
        })
        .expect("found");
    caller(bob());
    assert_eq!(
        pow.mine(state.challenge, stolen),
        Err(PowError::AboveTarget)
    );
    assert_eq!(
        pow.state(),
        crate::PowState {
            started: true,
            ..state
        },
        "nothing changed"
    );
}
