//! PSP22: the fungible-token standard of ink! chains, with OpenBrush's extensions.
//!
//! Trait and message names give the selectors (`PSP22::transfer` = `0xdb20f9f5`), so wallets
//! and dApps written for the standard or for OpenBrush tokens call ours unchanged.

use ink::{prelude::vec::Vec, primitives::AccountId};

pub use errors::PSP22Error;

mod errors {
    // parity-scale-codec 3.7's enum derive casts the variant index with `as u8`; cargo-contract
    // denies `cast_possible_truncation`, so the allowance is scoped to this module alone.
    #![allow(clippy::cast_possible_truncation)]
    use ink::prelude::string::String;

    /// The standard PSP22 error (variant order is part of the wire format).
    ///
    /// `Custom` carries this suite's own refusals, each a fixed string listed on
    /// [`super::PSP22Error`]'s constants below, so a frontend can match on it.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum PSP22Error {
        /// An implementation-specific refusal; see the `PSP22Error::*` string constants.
        Custom(String),
        /// The account does not hold enough tokens.
        InsufficientBalance,
        /// The spender's allowance is too small.
        InsufficientAllowance,
        /// Deprecated by the standard; never returned.
        ZeroRecipientAddress,
        /// Deprecated by the standard; never returned.
        ZeroSenderAddress,
        /// Deprecated by the standard; never returned.
        SafeTransferCheckFailed(String),
    }
}

impl PSP22Error {
    // The reasons are OpenBrush's own strings, so clients that match on them keep working.

    /// `Custom` reason: the caller lacks the role the message needs (minter, burner).
    pub const MISSING_ROLE: &'static str = "AC::MissingRole";
    /// `Custom` reason: the token is paused.
    pub const PAUSED: &'static str = "P::Paused";
    /// `Custom` reason: minting would exceed the supply cap.
    pub const CAP_EXCEEDED: &'static str = "Cap exceeded";

    /// A `Custom` error with one of the reasons above.
    pub fn custom(reason: &str) -> Self {
        Self::Custom(reason.into())
    }
}

/// The PSP22 standard (selectors `PSP22::*`).
#[ink::trait_definition]
pub trait PSP22 {
    /// Total number of tokens in existence.
    #[ink(message)]
    fn total_supply(&self) -> u128;

    /// Number of tokens `owner` holds.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u128;

    /// How many of `owner`'s tokens `spender` may still spend.
    #[ink(message)]
    fn allowance(&self, owner: AccountId, spender: AccountId) -> u128;

    /// Moves `value` of the caller's tokens to `to`; `data` is ignored.
    ///
    /// A zero `value` or `to` equal to the caller succeeds without any change or event.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, value: u128, data: Vec<u8>) -> Result<(), PSP22Error>;

    /// Moves `value` of `from`'s tokens to `to` out of the caller's allowance, and emits
    /// `Approval` with the allowance left. Zero `value` or `from == to` is a no-op success.
    #[ink(message)]
    fn transfer_from(
        &mut self,
        from: AccountId,
        to: AccountId,
        value: u128,
        data: Vec<u8>,
    ) -> Result<(), PSP22Error>;

    /// Sets `spender`'s allowance over the caller's tokens to `value`.
    #[ink(message)]
    fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error>;

    /// Raises `spender`'s allowance by `delta_value` (saturating at `u128::MAX`).
    #[ink(message)]
    fn increase_allowance(
        &mut self,
        spender: AccountId,
        delta_value: u128,
    ) -> Result<(), PSP22Error>;

    /// Lowers `spender`'s allowance by `delta_value`; fails if it is smaller.
    #[ink(message)]
    fn decrease_allowance(
        &mut self,
        spender: AccountId,
        delta_value: u128,
    ) -> Result<(), PSP22Error>;
}

/// PSP22 metadata (selectors `PSP22Metadata::*`), what wallets show.
#[ink::trait_definition]
pub trait PSP22Metadata {
    /// The token's name.
    #[ink(message)]
    fn token_name(&self) -> Option<ink::prelude::string::String>;
    /// The token's ticker symbol.
    #[ink(message)]
    fn token_symbol(&self) -> Option<ink::prelude::string::String>;
    /// How many decimals a display unit has.
    #[ink(message)]
    fn token_decimals(&self) -> u8;
}

/// OpenBrush's mint extension (selector `PSP22Mintable::mint`).
#[ink::trait_definition]
pub trait PSP22Mintable {
    /// Creates `amount` new tokens for `account`.
    #[ink(message)]
    fn mint(&mut self, account: AccountId, amount: u128) -> Result<(), PSP22Error>;
}

/// OpenBrush's burn extension (selector `PSP22Burnable::burn`).
#[ink::trait_definition]
pub trait PSP22Burnable {
    /// Destroys `amount` of `account`'s tokens.
    #[ink(message)]
    fn burn(&mut self, account: AccountId, amount: u128) -> Result<(), PSP22Error>;
}

/// OpenBrush's capped-supply extension (selector `PSP22Capped::cap`).
#[ink::trait_definition]
pub trait PSP22Capped {
    /// The most tokens that can ever exist at once.
    #[ink(message)]
    fn cap(&self) -> u128;
}

#[cfg(feature = "psp22-token")]
pub use token::*;

#[cfg(feature = "psp22-token")]
mod token {
    use super::*;
    use ink::storage::Mapping;

    /// Emitted when tokens move; `from` is `None` on mint, `to` is `None` on burn.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Transfer {
        /// The account tokens leave (`None` on mint).
        #[ink(topic)]
        pub from: Option<AccountId>,
        /// The account tokens reach (`None` on burn).
        #[ink(topic)]
        pub to: Option<AccountId>,
        /// How many tokens moved.
        pub value: u128,
    }

    /// Emitted when an allowance is set; `amount` is the allowance after the change.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Approval {
        /// The account whose tokens may be spent.
        #[ink(topic)]
        pub owner: AccountId,
        /// The account allowed to spend them.
        #[ink(topic)]
        pub spender: AccountId,
        /// The allowance now in force.
        pub amount: u128,
    }

    /// The events of one ledger change, for the contract to emit: at most one `Approval` (the
    /// allowance set, or what is left after spending it) and then at most one `Transfer`. A
    /// fixed pair, not a list: no heap vector in the token's code.
    #[derive(Debug, Default, PartialEq, Eq, Clone)]
    pub struct PSP22Events {
        /// The allowance now in force, emitted first.
        pub approval: Option<Approval>,
        /// The tokens moved, minted or burned.
        pub transfer: Option<Transfer>,
    }

    impl PSP22Events {
        /// Emits the events from the executing contract, `Approval` first.
        pub fn emit(self) {
            if let Some(event) = self.approval {
                crate::emit::emit(event);
            }
            if let Some(event) = self.transfer {
                crate::emit::emit(event);
            }
        }
    }

    /// The PSP22 ledger: total supply, balances and allowances.
    ///
    /// Every state change goes through one method here; each takes the acting account, checks,
    /// updates storage and returns the events the contract must emit. Zero balances and zero
    /// allowances are removed from storage, so their storage deposit goes back to the payer.
    #[ink::storage_item]
    #[derive(Debug, Default)]
    pub struct PSP22Data {
        total_supply: u128,
        balances: Mapping<AccountId, u128>,
        allowances: Mapping<(AccountId, AccountId), u128>,
    }

    impl PSP22Data {
        /// Total number of tokens in existence.
        pub fn total_supply(&self) -> u128 {
            self.total_supply
        }

        /// Number of tokens `owner` holds.
        pub fn balance_of(&self, owner: AccountId) -> u128 {
            self.balances.get(owner).unwrap_or_default()
        }

        /// How many of `owner`'s tokens `spender` may spend.
        pub fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.allowances.get((owner, spender)).unwrap_or_default()
        }

        /// `caller` sends `value` to `to`.
        pub fn transfer(
            &mut self,
            caller: AccountId,
            to: AccountId,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if caller == to || value == 0 {
                return Ok(PSP22Events::default());
            }
            self.update(Some(caller), Some(to), value)
        }

        /// `caller` sends `value` of `from`'s tokens to `to`, spending its allowance.
        pub fn transfer_from(
            &mut self,
            caller: AccountId,
            from: AccountId,
            to: AccountId,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if from == to || value == 0 {
                return Ok(PSP22Events::default());
            }
            if caller == from {
                return self.transfer(caller, to, value);
            }
            self.update_spending(caller, from, Some(to), value)
        }

        /// `owner` sets `spender`'s allowance to `value`. Approving oneself is a no-op.
        pub fn approve(
            &mut self,
            owner: AccountId,
            spender: AccountId,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if owner == spender {
                return Ok(PSP22Events::default());
            }
            self.set_allowance(owner, spender, value);
            Ok(PSP22Events {
                approval: Some(approval_event(owner, spender, value)),
                transfer: None,
            })
        }

        /// `owner` raises `spender`'s allowance by `delta`, saturating at `u128::MAX`.
        pub fn increase_allowance(
            &mut self,
            owner: AccountId,
            spender: AccountId,
            delta: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if owner == spender || delta == 0 {
                return Ok(PSP22Events::default());
            }
            let amount = self.allowance(owner, spender).saturating_add(delta);
            self.approve(owner, spender, amount)
        }

        /// `owner` lowers `spender`'s allowance by `delta`.
        pub fn decrease_allowance(
            &mut self,
            owner: AccountId,
            spender: AccountId,
            delta: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if owner == spender || delta == 0 {
                return Ok(PSP22Events::default());
            }
            let amount = self
                .allowance(owner, spender)
                .checked_sub(delta)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            self.approve(owner, spender, amount)
        }

        /// Creates `value` tokens for `to`, refusing a total supply beyond `cap` as
        /// `CapExceeded` (pass `u128::MAX` for no cap). The caller checks who may mint.
        pub fn mint(
            &mut self,
            to: AccountId,
            value: u128,
            cap: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            let within_cap = self
                .total_supply
                .checked_add(value)
                .is_some_and(|supply| supply <= cap);
            if !within_cap {
                return Err(PSP22Error::custom(PSP22Error::CAP_EXCEEDED));
            }
            self.update(None, Some(to), value)
        }

        /// Destroys `value` of `from`'s tokens. The caller checks who may burn.
        pub fn burn(&mut self, from: AccountId, value: u128) -> Result<PSP22Events, PSP22Error> {
            self.update(Some(from), None, value)
        }

        /// `caller` destroys `value` of `from`'s tokens: its own, or within the allowance
        /// `from` gave it (spent, with an `Approval` event, as `transfer_from`).
        pub fn burn_from(
            &mut self,
            caller: AccountId,
            from: AccountId,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if caller == from || value == 0 {
                return self.burn(from, value);
            }
            self.update_spending(caller, from, None, value)
        }

        /// `spender` moves (`to: Some`) or burns (`to: None`) `value` of `from`'s tokens,
        /// spending its allowance: the one place an allowance is spent. The `Approval` event
        /// with what is left comes first.
        fn update_spending(
            &mut self,
            spender: AccountId,
            from: AccountId,
            to: Option<AccountId>,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            let allowance = self
                .allowance(from, spender)
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            let mut events = self.update(Some(from), to, value)?;
            self.set_allowance(from, spender, allowance);
            events.approval = Some(approval_event(from, spender, allowance));
            Ok(events)
        }

        /// The one writer of balances and of the supply (OpenZeppelin's `_update`): moves
        /// `value` from `from` to `to`, where `from: None` mints and `to: None` burns, and
        /// returns the `Transfer` event. A zero `value` changes nothing and emits nothing.
        /// Nothing is written unless the whole change succeeds.
        fn update(
            &mut self,
            from: Option<AccountId>,
            to: Option<AccountId>,
            value: u128,
        ) -> Result<PSP22Events, PSP22Error> {
            if value == 0 {
                return Ok(PSP22Events::default());
            }
            match from {
                Some(from) => {
                    let balance = self
                        .balance_of(from)
                        .checked_sub(value)
                        .ok_or(PSP22Error::InsufficientBalance)?;
                    self.set_balance(from, balance);
                }
                None => {
                    self.total_supply = self
                        .total_supply
                        .checked_add(value)
                        .ok_or_else(|| PSP22Error::custom(PSP22Error::CAP_EXCEEDED))?;
                }
            }
            match to {
                // Cannot overflow: a balance never exceeds the total supply, which fits.
                Some(to) => {
                    let balance = self.balance_of(to).saturating_add(value);
                    self.balances.insert(to, &balance);
                }
                // Cannot underflow: the supply is at least the balance just debited.
                None => self.total_supply = self.total_supply.saturating_sub(value),
            }
            Ok(PSP22Events {
                approval: None,
                transfer: Some(Transfer { from, to, value }),
            })
        }

        fn set_balance(&mut self, owner: AccountId, value: u128) {
            if value == 0 {
                self.balances.remove(owner);
            } else {
                self.balances.insert(owner, &value);
            }
        }

        fn set_allowance(&mut self, owner: AccountId, spender: AccountId, value: u128) {
            if value == 0 {
                self.allowances.remove((owner, spender));
            } else {
                self.allowances.insert((owner, spender), &value);
            }
        }
    }

    fn approval_event(owner: AccountId, spender: AccountId, amount: u128) -> Approval {
        Approval {
            owner,
            spender,
            amount,
        }
    }
}
