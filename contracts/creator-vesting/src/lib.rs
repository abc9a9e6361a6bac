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
    use ink::{
        env::call::{build_call, ExecutionInput, Selector},
        prelude::vec::Vec,
    };
    use psp::PSP22Error;

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
            build_call::<Environment>()
                .call(self.token)
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22::transfer")))
                        .push_arg(beneficiary)
                        .push_arg(amount)
                        .push_arg(Vec::<u8>::new()),
                )
                .returns::<Result<(), PSP22Error>>()
                .try_invoke()
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(Error::Token)?;
            Ok(amount)
        }

        /// Names a new beneficiary. The beneficiary only.
        #[ink(message)]
        pub fn set_beneficiary(&mut self, new: AccountId) -> Result<(), Error> {
            let previous = self.beneficiary;
            if self.env().caller() != previous {
                return Err(Error::NotBeneficiary);
            }
            self.beneficiary = new;
            self.env().emit_event(BeneficiaryChanged { previous, new });
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

        fn held(&self) -> Result<Balance, Error> {
            build_call::<Environment>()
                .call(self.token)
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22::balance_of")))
                        .push_arg(self.env().account_id()),
                )
                .returns::<Balance>()
                .try_invoke()
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(|_| Error::TokenCallFailed)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::{test, DefaultEnvironment};

        #[ink::test]
        fn only_the_beneficiary_renames_the_beneficiary() {
            let accounts = test::default_accounts::<DefaultEnvironment>();
            test::set_caller::<DefaultEnvironment>(accounts.alice);
            let mut wallet = CreatorVesting::new(accounts.frank, accounts.bob, 0, 10, 100);
            assert_eq!(
                wallet.set_beneficiary(accounts.alice),
                Err(Error::NotBeneficiary)
            );
            test::set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(wallet.set_beneficiary(accounts.charlie), Ok(()));
            assert_eq!(wallet.beneficiary(), accounts.charlie);
            assert_eq!(
                wallet.set_beneficiary(accounts.bob),
                Err(Error::NotBeneficiary)
            );
            assert_eq!(wallet.schedule(), (accounts.frank, 0, 10, 100));
            assert_eq!(wallet.released(), 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::vested;

    #[test]
    fn linear_after_the_cliff() {
        assert_eq!(vested(1_000, 100, 50, 1_000, 99), 0);
        assert_eq!(vested(1_000, 100, 50, 1_000, 149), 0, "before the cliff");
        assert_eq!(
            vested(1_000, 100, 50, 1_000, 150),
            50,
            "the cliff releases the elapsed share"
        );
        assert_eq!(vested(1_000, 100, 50, 1_000, 600), 500);
        assert_eq!(vested(1_000, 100, 50, 1_000, 1_100), 1_000);
        assert_eq!(vested(1_000, 100, 50, 1_000, u64::MAX), 1_000);
        assert_eq!(vested(u128::MAX, 0, 0, 3, 1), u128::MAX / 3);
        assert_eq!(vested(7, 0, 10, 5, 9), 0, "cliff longer than the duration");
        assert_eq!(vested(7, 0, 10, 5, 10), 7);
        assert_eq!(vested(7, 0, 0, 0, 0), 7, "zero duration vests at once");
    }
}
