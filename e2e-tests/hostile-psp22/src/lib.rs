//! # Hostile PSP22 (test fixture)
//!
//! A PSP22 token with the standard selectors (and OpenBrush's `PSP22Mintable::mint` and
//! `PSP22Burnable::burn`, so the mining pool and the market can face it too) whose moving
//! calls - `transfer`, `transfer_from`, `mint`, `burn` - misbehave as its [`Mode`] says:
//!
//! * `Honest`: a plain PSP22 (the baseline).
//! * `Reenter`: before moving anything, calls `target` with the raw `input` set by
//!   `set_reentry` (e.g. the calling collection's `buy`, the distributor's `claim`) and records
//!   what that call did (`last_reentry`); then moves the tokens honestly. ink! contracts forbid
//!   re-entry by default, so when `target` is the contract that called this token, the
//!   runtime refuses the inner call with `ReentranceDenied`, which traps this token: the caller
//!   sees a trapped callee, and nothing is recorded (a trap leaves no state).
//! * `Liar`: answers `Ok(())` without moving, minting or burning anything.
//! * `Flaky`: every second moving call (the 2nd, 4th, ... since deployment, counted by
//!   `calls`) answers `Err(Custom("flaky"))`. The failure is a normal answer, not a revert, so
//!   the count survives it unless the caller reverts the whole transaction.
//! * `Absurd`: 255 decimals and `u128::MAX` tokens minted to the deployer at construction;
//!   honest transfers (any further mint overflows and is refused with `Custom("Cap exceeded")`).
//!
//! This is a test fixture, not a token anyone should hold: anyone may mint and burn. The
//! deployer (owner) may switch the mode (`set_mode`) and set the re-entry call.
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

/// The `Custom` reason of a `Flaky` token's failures.
pub const FLAKY: &str = "flaky";
/// Decimals of an `Absurd` token (others have 12).
pub const ABSURD_DECIMALS: u8 = 255;

mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::{prelude::vec::Vec, primitives::AccountId};

    /// How the token misbehaves; see the crate documentation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Mode {
        Honest,
        Reenter,
        Liar,
        Flaky,
        Absurd,
    }

    /// The call made in `Reenter` mode: `input` is a selector followed by SCALE arguments.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Reentry {
        pub target: AccountId,
        pub input: Vec<u8>,
    }

    /// What the last re-entry call did.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum ReentryOutcome {
        /// The target answered (returned or reverted); the SCALE bytes of its return value.
        Answered(Vec<u8>),
        /// ink! could not dispatch the input (unknown selector, bad arguments).
        NotDispatched,
        /// The call failed; pallet-contracts' `ReturnErrorCode` (1 = callee trapped).
        CallFailed(u32),
        /// The answer did not decode.
        Undecodable,
    }
}

#[ink::contract]
mod hostile_psp22 {
    use super::{Mode, Reentry, ReentryOutcome, ABSURD_DECIMALS, FLAKY};
    use ink::{
        env::{
            call::{build_call, ExecutionInput, Selector},
            ReturnFlags,
        },
        prelude::{string::String, vec::Vec},
        scale::{self, Decode, Encode, Input, Output},
        storage::Lazy,
    };
    use psp::{PSP22Burnable, PSP22Data, PSP22Error, PSP22Metadata, PSP22Mintable, PSP22};

    /// Arguments already SCALE-encoded: written as they are.
    struct RawArgs<'a>(&'a [u8]);

    impl Encode for RawArgs<'_> {
        fn size_hint(&self) -> usize {
            self.0.len()
        }
        fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
            dest.write(self.0);
        }
    }

    /// Whatever a callee answered: every remaining byte.
    struct RawAnswer(Vec<u8>);

    impl Decode for RawAnswer {
        fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
            let len = input.remaining_len()?.ok_or("unknown answer length")?;
            let mut bytes = ink::prelude::vec![0u8; len];
            input.read(&mut bytes)?;
            Ok(Self(bytes))
        }
    }

    #[ink(storage)]
    pub struct HostilePsp22 {
        ledger: PSP22Data,
        owner: AccountId,
        mode: Mode,
        decimals: u8,
        reentry: Lazy<Reentry>,
        last_reentry: Lazy<ReentryOutcome>,
        /// Moving calls seen (written at once, so a `Flaky` failure keeps it).
        calls: Lazy<u32>,
    }

    impl HostilePsp22 {
        /// A token in `mode`, `supply` minted to the deployer (`Absurd`: `u128::MAX`, and 255
        /// decimals).
        #[ink(constructor)]
        pub fn new(mode: Mode, supply: Balance) -> Self {
            let (supply, decimals) = match mode {
                Mode::Absurd => (u128::MAX, ABSURD_DECIMALS),
                _ => (supply, 12),
            };
            let owner = Self::env().caller();
            let mut token = Self {
                ledger: PSP22Data::default(),
                owner,
                mode,
                decimals,
                reentry: Lazy::default(),
                last_reentry: Lazy::default(),
                calls: Lazy::default(),
            };
            if let Ok(events) = token.ledger.mint(owner, supply, u128::MAX) {
                events.emit();
            }
            token
        }

        /// The current mode.
        #[ink(message)]
        pub fn mode(&self) -> Mode {
            self.mode
        }

        /// Switches the mode. Owner only.
        #[ink(message)]
        pub fn set_mode(&mut self, mode: Mode) -> Result<(), PSP22Error> {
            self.ensure_owner()?;
            self.mode = mode;
            Ok(())
        }

        /// Sets the call made in `Reenter` mode: `input` (selector and SCALE arguments) sent to
        /// `target`. Owner only.
        #[ink(message)]
        pub fn set_reentry(&mut self, target: AccountId, input: Vec<u8>) -> Result<(), PSP22Error> {
            self.ensure_owner()?;
            self.reentry.set(&Reentry { target, input });
            Ok(())
        }

        /// The call made in `Reenter` mode, if set.
        #[ink(message)]
        pub fn reentry(&self) -> Option<Reentry> {
            self.reentry.get()
        }

        /// What the last re-entry call did (`None` if none completed).
        #[ink(message)]
        pub fn last_reentry(&self) -> Option<ReentryOutcome> {
            self.last_reentry.get()
        }

        /// Moving calls (`transfer`, `transfer_from`, `mint`, `burn`) seen so far.
        #[ink(message)]
        pub fn calls(&self) -> u32 {
            self.calls.get().unwrap_or_default()
        }

        fn ensure_owner(&self) -> Result<(), PSP22Error> {
            if self.env().caller() != self.owner {
                return Err(PSP22Error::custom(PSP22Error::MISSING_ROLE));
            }
            Ok(())
        }

        /// Runs the mode's misbehaviour before a moving call. `true`: answer `Ok(())` without
        /// moving anything (`Liar`). A `Flaky` failure ends the call here.
        fn misbehave(&mut self) -> bool {
            let call = self.calls();
            self.calls.set(&call.wrapping_add(1));
            match self.mode {
                Mode::Honest | Mode::Absurd => false,
                Mode::Liar => true,
                Mode::Flaky => {
                    if call % 2 == 1 {
                        // Answer the error without reverting, so the count above stays.
                        let answer: ink::MessageResult<Result<(), PSP22Error>> =
                            Ok(Err(PSP22Error::custom(FLAKY)));
                        ink::env::return_value(ReturnFlags::empty(), &answer);
                    }
                    false
                }
                Mode::Reenter => {
                    self.reenter();
                    false
                }
            }
        }

        /// Makes the configured re-entry call and records its outcome. If the target refuses
        /// re-entry, the runtime traps this contract here.
        fn reenter(&mut self) {
            let Some(Reentry { target, input }) = self.reentry.get() else {
                return;
            };
            let Some((selector, args)) = input.split_first_chunk::<4>() else {
                return;
            };
            let result = build_call::<Environment>()
                .call(target)
                .exec_input(ExecutionInput::new(Selector::new(*selector)).push_arg(RawArgs(args)))
                .returns::<RawAnswer>()
                .try_invoke();
            let outcome = match result {
                Ok(Ok(RawAnswer(bytes))) => ReentryOutcome::Answered(bytes),
                Ok(Err(_)) => ReentryOutcome::NotDispatched,
                Err(ink::env::Error::ReturnError(code)) => {
                    ReentryOutcome::CallFailed(u32::from(code))
                }
                Err(_) => ReentryOutcome::Undecodable,
            };
            self.last_reentry.set(&outcome);
        }
    }

    impl PSP22 for HostilePsp22 {
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.ledger.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.ledger.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.ledger.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let _ = data;
            if self.misbehave() {
                return Ok(());
            }
            let events = self.ledger.transfer(self.env().caller(), to, value)?;
            events.emit();
            Ok(())
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let _ = data;
            if self.misbehave() {
                return Ok(());
            }
            let events = self
                .ledger
                .transfer_from(self.env().caller(), from, to, value)?;
            events.emit();
            Ok(())
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let events = self.ledger.approve(self.env().caller(), spender, value)?;
            events.emit();
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events =
                self.ledger
                    .increase_allowance(self.env().caller(), spender, delta_value)?;
            events.emit();
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let events =
                self.ledger
                    .decrease_allowance(self.env().caller(), spender, delta_value)?;
            events.emit();
            Ok(())
        }
    }

    impl PSP22Metadata for HostilePsp22 {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            Some(String::from("Hostile"))
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            Some(String::from("HOST"))
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl PSP22Mintable for HostilePsp22 {
        /// Anyone may mint (a test fixture).
        #[ink(message)]
        fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            if self.misbehave() {
                return Ok(());
            }
            let events = self.ledger.mint(account, amount, u128::MAX)?;
            events.emit();
            Ok(())
        }
    }

    impl PSP22Burnable for HostilePsp22 {
        /// Anyone may burn anyone's tokens (a test fixture).
        #[ink(message)]
        fn burn(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            if self.misbehave() {
                return Ok(());
            }
            let events = self.ledger.burn(account, amount)?;
            events.emit();
            Ok(())
        }
    }
}

/// In `Honest` mode the fixture is a plain PSP22: it passes the shared PSP22 suite, so the
/// hostile tests' baseline is a token known to behave.
#[cfg(test)]
mod tests {
    use crate::hostile_psp22::HostilePsp22;
    use crate::Mode;

    psp::psp22_tests!(HostilePsp22, |supply| HostilePsp22::new(
        Mode::Honest,
        supply
    ));
}
