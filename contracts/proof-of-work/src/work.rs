//! The puzzle's rules, free of storage: the hash a miner searches, the reward schedule and the
//! difficulty retarget. The contract (`lib.rs`) keeps a [`Puzzle`] and asks it to [`Puzzle::solve`].
//!
//! * **Work.** `digest = keccak256(SCALE((challenge, miner, nonce)))`: the 32-byte challenge,
//!   the miner's 32-byte account and the nonce as 16 little-endian bytes, 80 bytes in all. It
//!   meets `target` when its first 16 bytes, read big-endian, are at most `target`; a random
//!   nonce does so with probability `(target + 1) / 2^128`, so `difficulty = u128::MAX /
//!   target` is the expected number of hashes per solution. The miner's account inside the
//!   hash means a solution seen in the transaction pool pays nobody else.
//! * **Challenge.** Each accepted solution replaces the challenge by `keccak256(digest)`, so
//!   every challenge pays once and the next cannot be known before the last is solved.
//! * **Reward.** Solution `k` (from 0) earns `initial_reward >> (k / halving_interval)`, never
//!   more than what the cap leaves: everything ever minted is at most `cap`.
//! * **Retarget.** Every `interval` solutions the target is scaled by `elapsed / expected`
//!   (`expected = interval * solution_time`), the ratio clamped to `[1/4, 4]`, then the target
//!   clamped to `[min_target, max_target]`: each step moves the difficulty at most 4x either
//!   way (up to the rounding of one unit), and never past the floor or the ceiling.

use ink::env::hash::{HashOutput, Keccak256};
use ink::primitives::AccountId;
use ink::scale::Encode;

type Balance = u128;

/// The Keccak-256 digest of `(challenge, miner, nonce)`, SCALE-encoded (80 bytes).
pub fn digest(challenge: &[u8; 32], miner: &AccountId, nonce: u128) -> [u8; 32] {
    keccak256(&(challenge, miner, nonce).encode())
}

/// Whether `digest` meets `target`: its first 16 bytes, big-endian, are at most `target`.
pub fn meets(digest: &[u8; 32], target: u128) -> bool {
    leading_u128(digest) <= target
}

/// The first 16 bytes of `digest` as a big-endian number.
pub fn leading_u128(digest: &[u8; 32]) -> u128 {
    let mut high = [0u8; 16];
    high.copy_from_slice(digest.split_at(16).0);
    u128::from_be_bytes(high)
}

/// The challenge after a solution whose digest is `digest`.
pub fn next_challenge(digest: &[u8; 32]) -> [u8; 32] {
    keccak256(digest)
}

/// The target of a difficulty: `u128::MAX / difficulty` (`difficulty` at least 1).
pub fn target_of(difficulty: u128) -> u128 {
    u128::MAX.checked_div(difficulty).unwrap_or(u128::MAX)
}

/// The difficulty of a target: the expected number of hashes per solution, `u128::MAX /
/// target` (`u128::MAX` for a zero target).
pub fn difficulty_of(target: u128) -> u128 {
    u128::MAX.checked_div(target).unwrap_or(u128::MAX)
}

fn keccak256(input: &[u8]) -> [u8; 32] {
    let mut output = <Keccak256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Keccak256>(input, &mut output);
    output
}

/// The halving, capped reward schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Emission {
    /// The reward of each solution in era 0.
    pub initial_reward: Balance,
    /// Solutions per era; the reward halves from one era to the next.
    pub halving_interval: u64,
    /// The most this contract may ever mint.
    pub cap: Balance,
}

impl Emission {
    /// The era of solution number `solution` (from 0).
    pub fn era(&self, solution: u64) -> u64 {
        solution.checked_div(self.halving_interval).unwrap_or(0)
    }

    /// What solution number `solution` earns when `minted` was minted before it: its era's
    /// reward, at most what the cap leaves (0 once the cap is reached or after 128 eras).
    pub fn reward(&self, solution: u64, minted: Balance) -> Balance {
        let full = u32::try_from(self.era(solution))
            .ok()
            .and_then(|era| self.initial_reward.checked_shr(era))
            .unwrap_or(0);
        full.min(self.cap.saturating_sub(minted))
    }
}

/// How the target follows the solutions' pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Retarget {
    /// Solutions between two retargets.
    pub interval: u32,
    /// The aimed time per solution (ms).
    pub solution_time: u64,
    /// The hardest target (the ceiling of the difficulty), at least 1.
    pub min_target: u128,
    /// The easiest target (the floor of the difficulty).
    pub max_target: u128,
}

/// The most a retarget step scales the target, either way.
pub const MAX_STEP: u128 = 4;

impl Retarget {
    /// The target after a window of `interval` solutions that took `elapsed` ms, from
    /// `target`: scaled by `elapsed / expected` with the ratio within `[1/4, 4]`, then within
    /// `[min_target, max_target]`.
    pub fn next_target(&self, target: u128, elapsed: u64) -> u128 {
        // u32 * u64 fits in u128 with room for the factor 4.
        let expected = u128::from(self.interval)
            .saturating_mul(u128::from(self.solution_time))
            .max(1);
        let shortest = expected.div_ceil(MAX_STEP);
        let longest = expected.saturating_mul(MAX_STEP);
        let elapsed = u128::from(elapsed).clamp(shortest, longest);
        // A quotient beyond u128 is beyond any ceiling.
        psp::math::mul_div_floor(target, elapsed, expected)
            .unwrap_or(u128::MAX)
            .clamp(self.min_target, self.max_target)
    }
}

/// The puzzle's moving state, one storage cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Puzzle {
    /// What the next solution must be found for.
    pub challenge: [u8; 32],
    /// The largest leading 128 bits a digest may have.
    pub target: u128,
    /// Solutions accepted so far.
    pub solutions: u64,
    /// When the current retarget window began (ms).
    pub window_start: u64,
    /// The block of the last accepted solution (one per block).
    pub last_block: u32,
    /// Everything minted so far.
    pub minted: Balance,
}

/// What accepting a solution changes, for the contract to store, mint and report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Solved {
    /// The puzzle after the solution.
    pub next: Puzzle,
    /// The solution's reward.
    pub reward: Balance,
    /// Whether this solution closed a window, and how long that window took (ms).
    pub window: Option<u64>,
}

/// Why a solution is not accepted (the contract maps each to its error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The digest does not meet the target.
    AboveTarget,
    /// A solution was already accepted in this block.
    OnePerBlock,
    /// The cap is reached: no reward is left.
    Exhausted,
    /// A counter does not fit.
    Overflow,
}

impl Puzzle {
    /// The puzzle at the start: its first challenge, the initial target, the window opening
    /// at `start`.
    pub fn new(challenge: [u8; 32], target: u128, start: u64) -> Self {
        Self {
            challenge,
            target,
            solutions: 0,
            window_start: start,
            last_block: 0,
            minted: 0,
        }
    }

    /// Accepts the solution whose digest is `digest` (computed for this puzzle's challenge),
    /// at time `now` in block `block`; the caller has checked the challenge itself.
    pub fn solve(
        &self,
        digest: &[u8; 32],
        now: u64,
        block: u32,
        emission: &Emission,
        retarget: &Retarget,
    ) -> Result<Solved, Refusal> {
        if !meets(digest, self.target) {
            return Err(Refusal::AboveTarget);
        }
        if self.solutions > 0 && block == self.last_block {
            return Err(Refusal::OnePerBlock);
        }
        let reward = emission.reward(self.solutions, self.minted);
        if reward == 0 {
            return Err(Refusal::Exhausted);
        }
        let solutions = self.solutions.checked_add(1).ok_or(Refusal::Overflow)?;
        let mut next = Self {
            challenge: next_challenge(digest),
            solutions,
            last_block: block,
            minted: self.minted.checked_add(reward).ok_or(Refusal::Overflow)?,
            ..*self
        };
        let closes_window = solutions.checked_rem(u64::from(retarget.interval)) == Some(0);
        let window = closes_window.then(|| now.saturating_sub(self.window_start));
        if let Some(elapsed) = window {
            next.target = retarget.next_target(self.target, elapsed);
            next.window_start = now;
        }
        Ok(Solved {
            next,
            reward,
            window,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn emission() -> Emission {
        Emission {
            initial_reward: 1_000,
            halving_interval: 10,
            cap: 15_000,
        }
    }

    fn retarget() -> Retarget {
        Retarget {
            interval: 4,
            solution_time: 1_000,
            min_target: 1 << 20,
            max_target: u128::MAX >> 2,
        }
    }

    /// A digest whose leading 128 bits are `leading`.
    fn digest_leading(leading: u128) -> [u8; 32] {
        let mut digest = [0xEE; 32];
        digest[..16].copy_from_slice(&leading.to_be_bytes());
        digest
    }

    #[test]
    fn the_digest_is_keccak_of_the_80_scale_bytes() {
        let challenge = [7u8; 32];
        let miner = AccountId::from([9u8; 32]);
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&challenge);
        bytes.extend_from_slice(&[9u8; 32]);
        bytes.extend_from_slice(&5u128.to_le_bytes());
        assert_eq!(bytes.len(), 80);
        assert_eq!(digest(&challenge, &miner, 5), keccak256(&bytes));
        assert_eq!(
            hex(&keccak256(&[])),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
            "Keccak-256, not SHA3-256"
        );
        assert_ne!(
            digest(&challenge, &AccountId::from([8u8; 32]), 5),
            digest(&challenge, &miner, 5),
            "another miner's digest differs"
        );
    }

    #[test]
    fn a_digest_meets_a_target_at_or_above_its_leading_bits() {
        assert!(meets(&digest_leading(100), 100));
        assert!(meets(&digest_leading(100), 101));
        assert!(!meets(&digest_leading(101), 100));
        assert!(meets(&digest_leading(u128::MAX), u128::MAX));
        assert_eq!(target_of(1), u128::MAX);
        assert_eq!(target_of(0), u128::MAX);
        assert_eq!(difficulty_of(u128::MAX), 1);
        assert_eq!(difficulty_of(0), u128::MAX);
        assert_eq!(difficulty_of(target_of(1_000)), 1_000);
    }

    #[test]
    fn rewards_halve_by_era_and_stop_at_the_cap() {
        let e = emission();
        assert_eq!(e.reward(0, 0), 1_000);
        assert_eq!(e.reward(9, 9_000), 1_000);
        assert_eq!(e.reward(10, 10_000), 500);
        assert_eq!(e.reward(20, 15_000), 0, "cap reached");
        assert_eq!(e.reward(19, 14_900), 100, "what the cap leaves");
        assert_eq!(e.reward(10 * 200, 0), 0, "after 128 eras nothing");
        let endless = Emission {
            halving_interval: 1,
            cap: u128::MAX,
            initial_reward: u128::MAX,
        };
        assert_eq!(endless.reward(127, 0), 1);
        assert_eq!(endless.reward(128, 0), 0);
        assert_eq!(endless.reward(u64::MAX, 0), 0);
    }

    #[test]
    fn a_solution_moves_the_challenge_and_pays_its_era() {
        let puzzle = Puzzle::new([1; 32], u128::MAX >> 4, 0);
        let digest = digest_leading(5);
        let solved = puzzle
            .solve(&digest, 100, 1, &emission(), &retarget())
            .expect("meets");
        assert_eq!(solved.reward, 1_000);
        assert_eq!(solved.window, None);
        assert_eq!(solved.next.challenge, next_challenge(&digest));
        assert_ne!(solved.next.challenge, puzzle.challenge);
        assert_eq!(solved.next.solutions, 1);
        assert_eq!(solved.next.minted, 1_000);
        assert_eq!(solved.next.target, puzzle.target);
        assert_eq!(
            solved.next.solve(&digest, 100, 1, &emission(), &retarget()),
            Err(Refusal::OnePerBlock)
        );
        assert_eq!(
            puzzle.solve(
                &digest_leading(puzzle.target + 1),
                100,
                1,
                &emission(),
                &retarget()
            ),
            Err(Refusal::AboveTarget)
        );
        let spent = Puzzle {
            minted: 15_000,
            ..puzzle
        };
        assert_eq!(
            spent.solve(&digest, 100, 1, &emission(), &retarget()),
            Err(Refusal::Exhausted)
        );
    }

    #[test]
    fn the_window_closing_solution_retargets() {
        let mut puzzle = Puzzle::new([1; 32], 1 << 40, 0);
        // Four solutions in 1 s instead of 4 s: the target falls 4x (difficulty rises 4x).
        for block in 1..=4u32 {
            let solved = puzzle
                .solve(
                    &digest_leading(0),
                    u64::from(block) * 250,
                    block,
                    &emission(),
                    &retarget(),
                )
                .expect("meets");
            assert_eq!(solved.window.is_some(), block == 4);
            puzzle = solved.next;
        }
        assert_eq!(puzzle.target, 1 << 38);
        assert_eq!(puzzle.window_start, 1_000);
        // The next window takes 8 s for 4 s: the target doubles.
        for block in 5..=8u32 {
            puzzle = puzzle
                .solve(
                    &digest_leading(0),
                    1_000 + u64::from(block - 4) * 2_000,
                    block,
                    &emission(),
                    &retarget(),
                )
                .expect("meets")
                .next;
        }
        assert_eq!(puzzle.target, 1 << 39);
    }

    #[test]
    fn retarget_steps_are_bounded_and_clamped() {
        let r = retarget();
        let t = 1u128 << 40;
        assert_eq!(r.next_target(t, 4_000), t, "on pace: unchanged");
        assert_eq!(r.next_target(t, 0), t / 4, "instant: 4x harder, no more");
        assert_eq!(
            r.next_target(t, u64::MAX),
            t * 4,
            "idle: 4x easier, no more"
        );
        assert_eq!(r.next_target(r.min_target, 0), r.min_target, "ceiling");
        assert_eq!(r.next_target(r.max_target, u64::MAX), r.max_target, "floor");
        let unbounded = Retarget {
            min_target: 1,
            max_target: u128::MAX,
            ..r
        };
        assert_eq!(unbounded.next_target(u128::MAX, u64::MAX), u128::MAX);
        assert_eq!(unbounded.next_target(1, 0), 1);
    }

    proptest! {
        /// Whatever the schedule and however many solutions, the total never exceeds the cap,
        /// and it reaches the cap exactly when the schedule's sum would pass it.
        #[test]
        fn the_era_schedule_never_exceeds_the_cap(
            initial_reward in 1u128..=u128::MAX,
            halving_interval in 1u64..50,
            cap in 0u128..=u128::MAX,
            solutions in 0u64..3_000,
        ) {
            let e = Emission { initial_reward, halving_interval, cap };
            let (mut minted, mut unbounded) = (0u128, 0u128);
            for solution in 0..solutions {
                let era = solution / halving_interval;
                let full = if era >= 128 { 0 } else { initial_reward >> era };
                unbounded = unbounded.saturating_add(full);
                let reward = e.reward(solution, minted);
                prop_assert!(reward <= full);
                minted = minted.checked_add(reward).expect("within the cap");
                prop_assert!(minted <= cap);
                prop_assert_eq!(minted, unbounded.min(cap));
            }
        }

        /// For any timing, one retarget step scales the target by at most 4 either way (up to
        /// one unit of rounding), moves it the way the pace says, and stays within the bounds.
        #[test]
        fn retarget_bounds_hold_for_any_timing(
            interval in 1u32..=u32::MAX,
            solution_time in 1u64..=u64::MAX,
            bounds in (1u128..=u128::MAX, 1u128..=u128::MAX),
            target in 1u128..=u128::MAX,
            elapsed in 0u64..=u64::MAX,
        ) {
            let (min_target, max_target) = (bounds.0.min(bounds.1), bounds.0.max(bounds.1));
            let target = target.clamp(min_target, max_target);
            let r = Retarget { interval, solution_time, min_target, max_target };
            let next = r.next_target(target, elapsed);
            prop_assert!(min_target <= next && next <= max_target);
            prop_assert!(next >= target / 4 || next == min_target);
            prop_assert!(next <= target.saturating_mul(4));
            let expected = u128::from(interval) * u128::from(solution_time);
            let elapsed = u128::from(elapsed);
            if elapsed < expected {
                prop_assert!(next <= target, "faster than aimed: not easier");
            } else if elapsed > expected {
                prop_assert!(next >= target, "slower than aimed: not harder");
            }
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}
