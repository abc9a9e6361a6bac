//! The contract's public types, outside the contract module so that off-chain code (tests, the
//! miner, the factory) can use them without building the contract.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]
use crate::work::{self, Emission, Retarget};
use ink::primitives::AccountId;
use psp::PSP22Error;

type Balance = u128;

/// Most solutions between two retargets.
pub const MAX_RETARGET_INTERVAL: u32 = 10_000;

/// Why a solution or a configuration was refused. A refusal leaves no trace.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PowError {
    /// The solution is for a challenge that is no longer the current one (someone solved it
    /// first): read `state()` and search again.
    Stale,
    /// The digest of (challenge, caller, nonce) does not meet the target: a wrong nonce, or
    /// another miner's solution (the miner's account is in the hash).
    AboveTarget,
    /// A solution was already accepted in this block; the next one can come in the next block.
    OnePerBlock,
    /// Mining has not started yet.
    NotStarted,
    /// The cap is reached: nothing is left to mine.
    Exhausted,
    /// Inconsistent configuration: a zero reward, halving interval, retarget interval or
    /// solution time; a retarget interval above 10,000 or a solution time above a year; not
    /// `1 <= min_difficulty <= initial_difficulty <= max_difficulty`.
    InvalidConfig,
    /// The token refused to mint (e.g. its own cap is reached).
    Mint(PSP22Error),
    /// The token could not be called.
    MintCallFailed,
    /// A counter does not fit.
    Overflow,
}

/// A mint the token refused is `Mint` with its reason; a mint that did not complete is
/// `MintCallFailed`.
impl From<psp::CallError> for PowError {
    fn from(error: psp::CallError) -> Self {
        match error {
            psp::CallError::Refused(error) => Self::Mint(error),
            psp::CallError::Failed(_) => Self::MintCallFailed,
        }
    }
}

impl From<work::Refusal> for PowError {
    fn from(refusal: work::Refusal) -> Self {
        match refusal {
            work::Refusal::AboveTarget => Self::AboveTarget,
            work::Refusal::OnePerBlock => Self::OnePerBlock,
            work::Refusal::Exhausted => Self::Exhausted,
            work::Refusal::Overflow => Self::Overflow,
        }
    }
}

/// What the contract is created with; fixed for its life (it has no admin).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PowConfig {
    /// The creator token it mints (it needs the token's `MINTER` role).
    pub token: AccountId,
    /// When mining starts (ms).
    pub start: u64,
    /// The reward of each solution in era 0.
    pub initial_reward: Balance,
    /// Solutions per era; the reward halves from one era to the next.
    pub halving_interval: u64,
    /// The most this contract may ever mint (the factory keeps it under the token's cap).
    pub cap: Balance,
    /// Expected hashes per solution at the start, and the floor and ceiling retargets keep
    /// it within.
    pub initial_difficulty: u128,
    pub min_difficulty: u128,
    pub max_difficulty: u128,
    /// The aimed time per solution (ms) and the solutions between two retargets.
    pub solution_time: u64,
    pub retarget_interval: u32,
}

/// The configuration as the contract keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settings {
    pub token: AccountId,
    pub start: u64,
    pub emission: Emission,
    pub retarget: Retarget,
    /// The target at the start.
    pub initial_target: u128,
}

impl TryFrom<&PowConfig> for Settings {
    type Error = PowError;

    /// `InvalidConfig` for what [`PowError::InvalidConfig`] lists.
    fn try_from(config: &PowConfig) -> Result<Self, PowError> {
        let difficulties_ordered = 1 <= config.min_difficulty
            && config.min_difficulty <= config.initial_difficulty
            && config.initial_difficulty <= config.max_difficulty;
        if config.initial_reward == 0
            || config.halving_interval == 0
            || config.retarget_interval == 0
            || config.retarget_interval > MAX_RETARGET_INTERVAL
            || config.solution_time == 0
            || config.solution_time > psp::limits::MAX_EPOCH_LENGTH
            || !difficulties_ordered
        {
            return Err(PowError::InvalidConfig);
        }
        Ok(Self {
            token: config.token,
            start: config.start,
            emission: Emission {
                initial_reward: config.initial_reward,
                halving_interval: config.halving_interval,
                cap: config.cap,
            },
            retarget: Retarget {
                interval: config.retarget_interval,
                solution_time: config.solution_time,
                // The hardest target is the highest difficulty's.
                min_target: work::target_of(config.max_difficulty),
                max_target: work::target_of(config.min_difficulty),
            },
            initial_target: work::target_of(config.initial_difficulty),
        })
    }
}

/// What a miner reads before searching (one call).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PowState {
    /// The challenge to solve.
    pub challenge: [u8; 32],
    /// A digest's first 16 bytes, big-endian, must be at most this.
    pub target: u128,
    /// `u128::MAX / target`: the expected hashes per solution.
    pub difficulty: u128,
    /// What the next solution earns (0 once the cap is reached).
    pub reward: Balance,
    /// Solutions accepted so far, the current era, everything minted.
    pub solutions: u64,
    pub era: u64,
    pub minted: Balance,
    /// Whether mining has started.
    pub started: bool,
}

/// Emitted for every accepted solution.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Mined {
    #[ink(topic)]
    pub miner: AccountId,
    /// The solution's number (from 0), nonce and digest.
    pub solution: u64,
    pub nonce: u128,
    pub digest: [u8; 32],
    pub reward: Balance,
    /// The challenge the next solution must be found for.
    pub next_challenge: [u8; 32],
}

/// Emitted when a window of solutions closes and the target moves.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Retargeted {
    /// How long the window's solutions took against the aim (ms).
    pub elapsed: u64,
    pub expected: u64,
    /// The target and difficulty from now on.
    pub target: u128,
    pub difficulty: u128,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn config() -> PowConfig {
        PowConfig {
            token: AccountId::from([0xAA; 32]),
            start: 1_000,
            initial_reward: 50,
            halving_interval: 100,
            cap: 10_000,
            initial_difficulty: 16,
            min_difficulty: 2,
            max_difficulty: 1 << 40,
            solution_time: 6_000,
            retarget_interval: 10,
        }
    }

    #[test]
    fn a_valid_config_becomes_its_settings() {
        let settings = Settings::try_from(&config()).expect("valid");
        assert_eq!(settings.initial_target, u128::MAX / 16);
        assert_eq!(settings.retarget.max_target, u128::MAX / 2);
        assert_eq!(settings.retarget.min_target, u128::MAX >> 40);
        assert_eq!(settings.emission.cap, 10_000);
    }

    #[test]
    fn inconsistent_configs_are_refused() {
        let changes: [fn(&mut PowConfig); 10] = [
            |c| c.initial_reward = 0,
            |c| c.halving_interval = 0,
            |c| c.retarget_interval = 0,
            |c| c.retarget_interval = MAX_RETARGET_INTERVAL + 1,
            |c| c.solution_time = 0,
            |c| c.solution_time = psp::limits::MAX_EPOCH_LENGTH + 1,
            |c| c.min_difficulty = 0,
            |c| c.min_difficulty = 17,
            |c| c.max_difficulty = 15,
            |c| c.initial_difficulty = 1,
        ];
        for change in changes {
            let mut bad = config();
            change(&mut bad);
            assert_eq!(Settings::try_from(&bad), Err(PowError::InvalidConfig));
        }
        let extreme = PowConfig {
            retarget_interval: MAX_RETARGET_INTERVAL,
            solution_time: psp::limits::MAX_EPOCH_LENGTH,
            min_difficulty: 1,
            initial_difficulty: 1,
            max_difficulty: u128::MAX,
            ..config()
        };
        assert!(Settings::try_from(&extreme).is_ok());
    }

    #[test]
    fn refusals_and_failures_map_to_typed_errors() {
        use psp::{CallError, CallFailure};
        assert_eq!(
            PowError::from(CallError::Refused(PSP22Error::Custom(
                "Cap exceeded".into()
            ))),
            PowError::Mint(PSP22Error::Custom("Cap exceeded".into()))
        );
        for failure in CallFailure::ALL {
            assert_eq!(
                PowError::from(CallError::Failed(failure)),
                PowError::MintCallFailed
            );
        }
        assert_eq!(
            PowError::from(work::Refusal::OnePerBlock),
            PowError::OnePerBlock
        );
    }
}
