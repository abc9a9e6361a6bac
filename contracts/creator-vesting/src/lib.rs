//! # Creator vesting wallet
//!
//! Holds a creator's allocation of their token and releases it linearly: nothing before
//! `start + cliff`, then `allocation * (now - start) / duration`, everything from
//! `start + duration`. The allocation is whatever the wallet holds plus what it released, so
//! tokens sent later vest on the same schedule. Anyone may trigger `release` (it always pays
//! the beneficiary); only the beneficiary can name a new beneficiary.
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

pub use types::*;

mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::primitives::AccountId;
    use psp::PSP22Error;

    /// Why a vesting message was refused.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum VestingError {
        /// Only the beneficiary may do this.
        NotBeneficiary,
        /// Nothing has vested beyond what was released.
        NothingToRelease,
        /// The token refused the transfer.
        Token(PSP22Error),
        /// The token could not be called.
        TokenCallFailed,
        /// A number does not fit.
        Overflow,
        /// The wallet cannot be its own beneficiary (its releases would go nowhere and no one
        /// could name another beneficiary).
        WalletItself,
    }

    /// A token refusal is `Token` with its reason; a call that did not complete (the token
    /// trapped, is not a contract, or is the wallet itself) is `TokenCallFailed`.
    impl From<psp::CallError> for VestingError {
        fn from(error: psp::CallError) -> Self {
            match error {
                psp::CallError::Refused(error) => Self::Token(error),
                psp::CallError::Failed(_) => Self::TokenCallFailed,
            }
        }
    }

    /// Emitted when vested tokens are paid to the beneficiary.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Released {
        #[ink(topic)]
        pub beneficiary: AccountId,
        pub amount: u128,
    }

    /// Emitted when the beneficiary names a new beneficiary.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct BeneficiaryChanged {
        #[ink(topic)]
        pub previous: AccountId,
        #[ink(topic)]
        pub new: AccountId,
    }
}

/// Tokens vested at `now` out of `allocation` (floor), for a schedule starting at `start`
/// with `cliff` and `duration` in ms.
pub fn vested(allocation: u128, start: u64, cliff: u64, duration: u64, now: u64) -> u128 {
    let elapsed = now.saturating_sub(start);
    if now < start || elapsed < cliff {
        0
    } else if elapsed >= duration {
        allocation
    } else {
        psp::math::mul_div_floor(allocation, u128::from(elapsed), u128::from(duration))
            .unwrap_or(allocation)
    }
}

#[ink::contract]
mod creator_vesting {
    use super::{vested, BeneficiaryChanged, Released, VestingError as Error};

    #[ink(storage)]
    pub struct CreatorVesting {
        token: AccountId,
        beneficiary: AccountId,
        start: Timestamp,
        cliff: u64,
        duration: u64,
        released: Balance,
    }

    impl CreatorVesting {
        /// A wallet releasing `token` to `beneficiary` linearly over `duration` ms from
        /// `start` (ms), nothing before `start + cliff`. A cliff longer than the duration
        /// means everything unlocks at the cliff.
        #[ink(constructor)]
        pub fn new(
            token: AccountId,
            beneficiary: AccountId,
            start: Timestamp,
            cliff: u64,
            duration: u64,
        ) -> Self {
            Self {
                token,
                beneficiary,
                start,
                cliff,
                duration,
                released: 0,
            }
        }

        /// Tokens vested and not yet released.
        #[ink(message)]
        pub fn releasable(&self) -> Result<Balance, Error> {
            let held = self.held()?;
            // Saturating: with a supply near u128::MAX, tokens sent back after a release can
            // push the sum past u128::MAX; an error here would lock the wallet for good.
            let allocation = held.saturating_add(self.released);
            let now = self.env().block_timestamp();
            let vested = vested(allocation, self.start, self.cliff, self.duration, now);
            Ok(vested.saturating_sub(self.released))
        }

        /// Pays what has vested to the beneficiary. Anyone may call it.
        #[ink(message)]
        pub fn release(&mut self) -> Result<Balance, Error> {
            let amount = self.releasable()?;
            if amount == 0 {
                return Err(Error::NothingToRelease);
            }
            self.released = self.released.checked_add(amount).ok_or(Error::Overflow)?;
            let beneficiary = self.beneficiary;
            self.env().emit_event(Released {
                beneficiary,
                amount,
            });
            psp::call::transfer(self.token, beneficiary, amount)?;
            Ok(amount)
        }

        /// Names `new_beneficiary` the beneficiary. The beneficiary only; not the wallet
        /// itself. (The argument is not called `new`: typed-API generators such as typink
        /// refuse a reserved word.)
        #[ink(message)]
        pub fn set_beneficiary(&mut self, new_beneficiary: AccountId) -> Result<(), Error> {
            let previous = self.beneficiary;
            if self.env().caller() != previous {
                return Err(Error::NotBeneficiary);
            }
            if new_beneficiary == self.env().account_id() {
                return Err(Error::WalletItself);
            }
            self.beneficiary = new_beneficiary;
            self.env().emit_event(BeneficiaryChanged {
                previous,
                new: new_beneficiary,
            });
            Ok(())
        }

        /// The beneficiary.
        #[ink(message)]
        pub fn beneficiary(&self) -> AccountId {
            self.beneficiary
        }

        /// Released so far.
        #[ink(message)]
        pub fn released(&self) -> Balance {
            self.released
        }

        /// `(token, start, cliff, duration)`.
        #[ink(message)]
        pub fn schedule(&self) -> (AccountId, Timestamp, u64, u64) {
            (self.token, self.start, self.cliff, self.duration)
        }

        /// The wallet's balance of the token.
        fn held(&self) -> Result<Balance, Error> {
            Ok(psp::call::balance_of(self.token, self.env().account_id())?)
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `CreatorVestingRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::creator_vesting::CreatorVestingRef;

#[cfg(test)]
mod tests;
