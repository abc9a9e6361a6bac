//! # Creator market
//!
//! A continuous market for a creator token: fans `buy` the token with the native currency and
//! `sell` it back, at prices set by rules fixed at creation, never by the creator's mood.
//!
//! * **Every holder can exit** (see [`curve`] for the math): every token is a claim on the
//!   same share of the reserve, `R / S` of the token's real supply; a sell receives that share
//!   (the last tokens the whole rest), so no sell is ever refused for want of reserve while
//!   tokens circulate, whoever sells first, and tokens minted elsewhere (mining, vesting) lower
//!   the exit price for everyone instead of draining the reserve first. A buy pays at least
//!   the exit price and at least the creator's rising launch floor; no round trip profits.
//! * The market holds the token's `MINTER` and `BURNER` roles: a buy mints to the buyer, a sell
//!   burns exactly what the caller sells in that call, nothing else.
//! * **Every trade rewards the community** (see [`fees`]): the fee, charged on top of a buy's
//!   cost and out of a sell's proceeds, is split in basis points fixed at creation between the
//!   creator, the stakers (sent to the reward distributor in the same call, which streams it),
//!   an optional referrer named in the trade and an optional platform. The creator's,
//!   referrer's and platform's shares accrue for withdrawal (`withdraw_fees`), so a failing
//!   recipient blocks nothing. Launch protection: an optional higher fee that decays linearly
//!   to the normal one over the first `launch_period` ms (the excess goes to the stakers), and
//!   an optional cap on tokens per call.
//! * Overpayment is refunded in the same call; slippage bounds and deadlines are checked;
//!   quotes are exactly what the trade then does.
//! * `Bought`/`Sold` events carry the amounts, the fee's split, the reserve, the supply and the
//!   exit price after the trade, so a frontend can draw the chart from events alone.
//! * The market's books always balance: its native balance is the reserve plus the fees owed.
//! * No admin and no upgrade path: the rules cannot change under a fan.
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

pub mod curve;
pub mod fees;

pub use types::*;

mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use crate::{curve::Curve, fees::Split};
    use ink::primitives::AccountId;
    use psp::PSP22Error;

    /// Why a market message was refused. Every refusal leaves no trace.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum MarketError {
        /// No native value sent, or zero tokens to sell.
        ZeroValue,
        /// The deadline has passed.
        Expired,
        /// Fewer tokens (buy) or less native (sell) than the caller's minimum.
        Slippage,
        /// The value buys no token at the current price.
        TooLittle,
        /// Selling more than the token's whole supply.
        InsufficientSupply,
        /// The reserve cannot pay (cannot happen: a sale never takes more than the reserve).
        InsufficientReserve,
        /// Nothing to withdraw for this recipient.
        NoFees,
        /// The market's configuration is inconsistent (fees above the bounds, a free curve, ...).
        InvalidConfig,
        /// The token refused to mint or burn (e.g. it is paused, or the seller lacks tokens).
        Token(PSP22Error),
        /// The token could not be called.
        TokenCallFailed,
        /// A native transfer failed.
        TransferFailed,
        /// A number does not fit.
        Overflow,
    }

    /// A token refusal is `Token` with its reason; a call that did not complete (the token
    /// trapped, is not a contract, or is the market itself) is `TokenCallFailed`.
    impl From<psp::CallError> for MarketError {
        fn from(error: psp::CallError) -> Self {
            match error {
                psp::CallError::Refused(error) => Self::Token(error),
                psp::CallError::Failed(_) => Self::TokenCallFailed,
            }
        }
    }

    /// The fee rates (basis points of the amount traded), fixed at creation. The normal total
    /// (the four shares) is at most 10 %, the launch fee at most 25 % for at most 7 days
    /// (`psp::limits`).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct FeeConfig {
        /// The creator's share.
        pub creator_bps: u16,
        /// The stakers' share, sent to the reward distributor with every trade.
        pub stakers_bps: u16,
        /// The share of a referrer named in the trade (the stakers' when none is named).
        pub referrer_bps: u16,
        /// The platform's recipient and share, if any.
        pub platform: Option<(AccountId, u16)>,
        /// Total fee at launch, decaying to the normal total over `launch_period` ms (0: none);
        /// the excess goes to the stakers.
        pub launch_bps: u16,
        pub launch_period: u64,
    }

    /// The market's fixed configuration.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct MarketConfig {
        /// The creator token.
        pub token: AccountId,
        /// Smallest token units per whole token (10^decimals).
        pub unit: u128,
        /// The launch floor for buying (see [`crate::curve`]).
        pub curve: Curve,
        /// Who receives the creator's share.
        pub creator: AccountId,
        /// The reward distributor the stakers' share is sent to.
        pub distributor: AccountId,
        /// The fee rates.
        pub fees: FeeConfig,
        /// Most tokens one call may buy, if capped.
        pub max_tokens_per_call: Option<u128>,
    }

    /// The market's state as a frontend shows it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct MarketState {
        /// Native backing every token.
        pub reserve: u128,
        /// The token's total supply.
        pub supply: u128,
        /// Tokens the market sold and not bought back (the launch floor's position).
        pub sold: u128,
        /// Fees accrued for withdrawal: the market's native balance is `reserve + fees_owed`.
        pub fees_owed: u128,
        /// What a whole token sells for now, before fees (`reserve / supply`).
        pub exit_price: u128,
        /// What the next whole token costs now, before fees.
        pub buy_price: u128,
    }

    /// Emitted on every buy.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Bought {
        #[ink(topic)]
        pub buyer: AccountId,
        #[ink(topic)]
        pub referrer: Option<AccountId>,
        pub tokens: u128,
        /// Native paid into the reserve.
        pub cost: u128,
        /// The fee and who received it.
        pub fee: Split,
        pub refund: u128,
        /// The reserve and the token's supply after the trade.
        pub reserve: u128,
        pub supply: u128,
        /// What a whole token sells for after the trade.
        pub exit_price: u128,
    }

    /// Emitted on every sell.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Sold {
        #[ink(topic)]
        pub seller: AccountId,
        #[ink(topic)]
        pub referrer: Option<AccountId>,
        pub tokens: u128,
        /// Native taken out of the reserve.
        pub gross: u128,
        /// The fee and who received it.
        pub fee: Split,
        pub payout: u128,
        pub reserve: u128,
        pub supply: u128,
        pub exit_price: u128,
    }

    /// Emitted when accrued fees are paid to their recipient.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct FeesWithdrawn {
        #[ink(topic)]
        pub recipient: AccountId,
        pub amount: u128,
    }
}

#[ink::contract]
mod creator_market {
    use super::{
        curve::{BuyQuote, Reserve, SellQuote},
        fees::{Rates, Split},
        Bought, FeesWithdrawn, MarketConfig, MarketError as Error, MarketState, Sold,
    };
    use ink::storage::Mapping;

    #[ink(storage)]
    pub struct CreatorMarket {
        config: MarketConfig,
        launched_at: Timestamp,
        /// Native backing every token. Written only by `settle_trade`.
        reserve: Balance,
        /// Tokens the market sold and not bought back (the launch floor's position).
        sold: Balance,
        /// Fees accrued per recipient, and their sum. Written only by `credit` and
        /// `withdraw_fees`.
        fees: Mapping<AccountId, Balance>,
        fees_owed: Balance,
    }

    impl CreatorMarket {
        /// A market for `config.token` (it must then be granted `MINTER` and `BURNER`).
        /// Refused if fees exceed the bounds, the curve is free, or `unit` is zero.
        #[ink(constructor)]
        pub fn new(config: MarketConfig) -> Result<Self, Error> {
            if !Rates::of(&config.fees).is_valid() || !config.curve.is_valid() || config.unit == 0 {
                return Err(Error::InvalidConfig);
            }
            Ok(Self {
                config,
                launched_at: Self::env().block_timestamp(),
                reserve: 0,
                sold: 0,
                fees: Mapping::default(),
                fees_owed: 0,
            })
        }

        /// Buys as many tokens as the native value sent pays for (cost plus fees), refunding
        /// the rest in the same call. `referrer`, if named, receives the referrer's share of
        /// the fee. Refused if fewer than `min_tokens_out` or after `deadline` (ms).
        #[ink(message, payable)]
        pub fn buy(
            &mut self,
            min_tokens_out: Balance,
            deadline: Timestamp,
            referrer: Option<AccountId>,
        ) -> Result<BuyQuote, Error> {
            let native_in = self.env().transferred_value();
            if native_in == 0 {
                return Err(Error::ZeroValue);
            }
            self.ensure_before(deadline)?;
            let before = self.reserve_now()?;
            let quote = self.quote_with(&before, native_in);
            if quote.tokens == 0 {
                return Err(Error::TooLittle);
            }
            if quote.tokens < min_tokens_out {
                return Err(Error::Slippage);
            }
            let after = before.bought(&quote).ok_or(Error::Overflow)?;
            let buyer = self.env().caller();
            let fee = self.settle_trade(after, quote.cost, quote.fee, referrer)?;
            self.env().emit_event(Bought {
                buyer,
                referrer,
                tokens: quote.tokens,
                cost: quote.cost,
                fee,
                refund: quote.refund,
                reserve: after.reserve,
                supply: after.supply,
                exit_price: after.exit_price(self.config.unit),
            });
            psp::call::mint(self.config.token, buyer, quote.tokens)?;
            self.pay_stakers(fee.stakers)?;
            self.send(buyer, quote.refund)?;
            Ok(quote)
        }

        /// Sells `amount` of the caller's tokens (they are burnt, and nothing else is) and
        /// pays the proceeds minus fees. `referrer`, if named, receives the referrer's share.
        /// Refused if the payout is below `min_native_out` or after `deadline` (ms).
        #[ink(message)]
        pub fn sell(
            &mut self,
            amount: Balance,
            min_native_out: Balance,
            deadline: Timestamp,
            referrer: Option<AccountId>,
        ) -> Result<SellQuote, Error> {
            if amount == 0 {
                return Err(Error::ZeroValue);
            }
            self.ensure_before(deadline)?;
            let before = self.reserve_now()?;
            let quote = before
                .quote_sell(amount, self.fee_bps())
                .ok_or(Error::InsufficientSupply)?;
            if quote.payout < min_native_out {
                return Err(Error::Slippage);
            }
            let after = before
                .sold_back(amount, &quote)
                .ok_or(Error::InsufficientReserve)?;
            let seller = self.env().caller();
            let fee = self.settle_trade(after, quote.gross, quote.fee, referrer)?;
            self.env().emit_event(Sold {
                seller,
                referrer,
                tokens: amount,
                gross: quote.gross,
                fee,
                payout: quote.payout,
                reserve: after.reserve,
                supply: after.supply,
                exit_price: after.exit_price(self.config.unit),
            });
            psp::call::burn(self.config.token, seller, amount)?;
            self.pay_stakers(fee.stakers)?;
            self.send(seller, quote.payout)?;
            Ok(quote)
        }

        /// Exactly what `buy` would do now with `native_in` sent.
        #[ink(message)]
        pub fn quote_buy(&self, native_in: Balance) -> Result<BuyQuote, Error> {
            Ok(self.quote_with(&self.reserve_now()?, native_in))
        }

        /// Exactly what `sell` would do now with `amount`.
        #[ink(message)]
        pub fn quote_sell(&self, amount: Balance) -> Result<SellQuote, Error> {
            self.reserve_now()?
                .quote_sell(amount, self.fee_bps())
                .ok_or(Error::InsufficientSupply)
        }

        /// Pays `recipient` the fees accrued for it (creator, referrer, platform, or the
        /// distributor if a transfer to it ever failed). Anyone may call it: the money only
        /// ever goes to its recipient.
        #[ink(message)]
        pub fn withdraw_fees(&mut self, recipient: AccountId) -> Result<Balance, Error> {
            let amount = self.fees_of(recipient);
            if amount == 0 {
                return Err(Error::NoFees);
            }
            self.fees.remove(recipient);
            // Cannot underflow: `fees_owed` is the sum of every recipient's fees.
            self.fees_owed = self.fees_owed.saturating_sub(amount);
            self.env().emit_event(FeesWithdrawn { recipient, amount });
            self.send(recipient, amount)?;
            Ok(amount)
        }

        /// Fees `recipient` can withdraw.
        #[ink(message)]
        pub fn fees_of(&self, recipient: AccountId) -> Balance {
            self.fees.get(recipient).unwrap_or_default()
        }

        /// The fee in basis points now (the launch fee decays to the normal one).
        #[ink(message)]
        pub fn fee_bps(&self) -> u128 {
            let elapsed = self
                .env()
                .block_timestamp()
                .saturating_sub(self.launched_at);
            Rates::of(&self.config.fees).at(elapsed)
        }

        /// The reserve, the token's supply, the fees owed, and the exit and buy prices now.
        #[ink(message)]
        pub fn state(&self) -> Result<MarketState, Error> {
            let now = self.reserve_now()?;
            let unit = self.config.unit;
            Ok(MarketState {
                reserve: now.reserve,
                supply: now.supply,
                sold: now.sold,
                fees_owed: self.fees_owed,
                exit_price: now.exit_price(unit),
                buy_price: now.buy_price(&self.config.curve, unit),
            })
        }

        /// The configuration.
        #[ink(message)]
        pub fn config(&self) -> MarketConfig {
            self.config.clone()
        }

        /// The reserve, the token's supply as the token reports it now, and the floor's position.
        fn reserve_now(&self) -> Result<Reserve, Error> {
            Ok(Reserve {
                reserve: self.reserve,
                supply: psp::call::total_supply(self.config.token)?,
                sold: self.sold,
            })
        }

        fn quote_with(&self, reserve: &Reserve, native_in: Balance) -> BuyQuote {
            let max = self.config.max_tokens_per_call.unwrap_or(u128::MAX);
            reserve.quote_buy(
                &self.config.curve,
                native_in,
                self.fee_bps(),
                max,
                self.config.unit,
            )
        }

        fn ensure_before(&self, deadline: Timestamp) -> Result<(), Error> {
            if self.env().block_timestamp() > deadline {
                return Err(Error::Expired);
            }
            Ok(())
        }

        /// The one writer of the reserve: stores the state after a trade and books the fee
        /// charged on `amount` (the creator's, referrer's and platform's shares accrue; the
        /// stakers' is returned in the split for `pay_stakers`).
        fn settle_trade(
            &mut self,
            after: Reserve,
            amount: Balance,
            fee: Balance,
            referrer: Option<AccountId>,
        ) -> Result<Split, Error> {
            self.reserve = after.reserve;
            self.sold = after.sold;
            let split = Rates::of(&self.config.fees).split(amount, fee, referrer.is_some());
            if let Some(referrer) = referrer {
                self.credit(referrer, split.referrer)?;
            }
            if let Some((platform, _)) = self.config.fees.platform {
                self.credit(platform, split.platform)?;
            }
            self.credit(self.config.creator, split.creator)?;
            Ok(split)
        }

        /// Sends the stakers' share to the distributor (which streams what arrives); if the
        /// transfer fails, the share accrues for the distributor instead, so a trade is never
        /// refused because of the distributor.
        fn pay_stakers(&mut self, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Ok(());
            }
            let distributor = self.config.distributor;
            if self.env().transfer(distributor, amount).is_err() {
                self.credit(distributor, amount)?;
            }
            Ok(())
        }

        fn credit(&mut self, recipient: AccountId, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Ok(());
            }
            let total = self
                .fees_of(recipient)
                .checked_add(amount)
                .ok_or(Error::Overflow)?;
            self.fees_owed = self.fees_owed.checked_add(amount).ok_or(Error::Overflow)?;
            self.fees.insert(recipient, &total);
            Ok(())
        }

        fn send(&self, to: AccountId, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Ok(());
            }
            self.env()
                .transfer(to, amount)
                .map_err(|_| Error::TransferFailed)
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `CreatorMarketRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::creator_market::CreatorMarketRef;

#[cfg(test)]
mod tests;
