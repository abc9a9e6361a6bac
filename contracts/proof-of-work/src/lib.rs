//! # Proof-of-work mining
//!
//! The traditional way to mine a creator's token (EIP-918, as 0xBitcoin did it, adapted to
//! ink! 5, which has no block-hash API): whoever submits a nonce whose Keccak-256 with the
//! current challenge and their own account meets the target is minted the current reward.
//!
//! * `mine(challenge, nonce)`: the challenge must be the current one (else `Stale`, a typed
//!   answer, not a trap), the digest must meet the target (else `AboveTarget`; another miner's
//!   nonce never does, the miner's account is in the hash), at most one solution per block.
//! * Every accepted solution replaces the challenge (derived from its digest), so each
//!   challenge pays once. The first challenge is derived from the contract's address and start.
//! * Difficulty retargets every `retarget_interval` solutions toward `solution_time` per
//!   solution, at most 4x either way per step, between a floor and a ceiling.
//! * The reward halves every `halving_interval` solutions; everything minted stays under the
//!   contract's own `cap` (which the factory keeps under the token's).
//!
//! The rules are in [`work`]. The contract has no admin, no roles and no upgrade: its code
//! alone bounds what its `MINTER` role on the token can do.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

mod types;
pub mod work;

pub use types::*;

/// Domain tag of the first challenge.
pub const CHALLENGE_TAG: &[u8] = b"creator-proof-of-work";

#[ink::contract]
mod proof_of_work {
    use super::{
        work::{self, Puzzle},
        Mined, PowConfig, PowError as Error, PowState, Retargeted, Settings, CHALLENGE_TAG,
    };
    use ink::env::hash::{HashOutput, Keccak256};

    #[ink(storage)]
    pub struct ProofOfWork {
        /// The configuration, fixed at creation.
        settings: Settings,
        /// The moving state, written only by `mine`.
        puzzle: Puzzle,
    }

    impl ProofOfWork {
        /// Creates the puzzle with `config` (see [`PowConfig`]); refused with `InvalidConfig`
        /// when it is inconsistent.
        #[ink(constructor)]
        pub fn new(config: PowConfig) -> Result<Self, Error> {
            let settings = Settings::try_from(&config)?;
            let mut challenge = <Keccak256 as HashOutput>::Type::default();
            ink::env::hash_encoded::<Keccak256, _>(
                &(CHALLENGE_TAG, Self::env().account_id(), settings.start),
                &mut challenge,
            );
            let puzzle = Puzzle::new(challenge, settings.initial_target, settings.start);
            Ok(Self { settings, puzzle })
        }

        /// Submits a solution: `nonce` such that `keccak256(SCALE((challenge, caller,
        /// nonce)))` meets the target. Mints the reward to the caller and returns it. Refused
        /// with `NotStarted`, `Stale` (not the current challenge), `AboveTarget`, `OnePerBlock`,
        /// `Exhausted` or the token's refusal.
        #[ink(message)]
        pub fn mine(&mut self, challenge: [u8; 32], nonce: u128) -> Result<Balance, Error> {
            let now = self.env().block_timestamp();
            if now < self.settings.start {
                return Err(Error::NotStarted);
            }
            if challenge != self.puzzle.challenge {
                return Err(Error::Stale);
            }
            let miner = self.env().caller();
            let digest = work::digest(&challenge, &miner, nonce);
            let settings = &self.settings;
            let solved = self.puzzle.solve(
                &digest,
                now,
                self.env().block_number(),
                &settings.emission,
                &settings.retarget,
            )?;
            let solution = self.puzzle.solutions;
            self.puzzle = solved.next;
            psp::call::mint(self.settings.token, miner, solved.reward)?;
            self.env().emit_event(Mined {
                miner,
                solution,
                nonce,
                digest,
                reward: solved.reward,
                next_challenge: solved.next.challenge,
            });
            if let Some(elapsed) = solved.window {
                let retarget = &self.settings.retarget;
                let expected = u64::from(retarget.interval).saturating_mul(retarget.solution_time);
                self.env().emit_event(Retargeted {
                    elapsed,
                    expected,
                    target: solved.next.target,
                    difficulty: work::difficulty_of(solved.next.target),
                });
            }
            Ok(solved.reward)
        }

        /// What a miner needs: the challenge, the target and difficulty, the next reward,
        /// the solutions so far, the era and what was minted.
        #[ink(message)]
        pub fn state(&self) -> PowState {
            let puzzle = &self.puzzle;
            let emission = &self.settings.emission;
            PowState {
                challenge: puzzle.challenge,
                target: puzzle.target,
                difficulty: work::difficulty_of(puzzle.target),
                reward: emission.reward(puzzle.solutions, puzzle.minted),
                solutions: puzzle.solutions,
                era: emission.era(puzzle.solutions),
                minted: puzzle.minted,
                started: self.env().block_timestamp() >= self.settings.start,
            }
        }

        /// The configuration the contract was created with.
        #[ink(message)]
        pub fn config(&self) -> Settings {
            self.settings
        }
    }
}

/// The typed reference the factory instantiates this contract through.
pub use crate::proof_of_work::ProofOfWorkRef;

#[cfg(test)]
mod tests;
