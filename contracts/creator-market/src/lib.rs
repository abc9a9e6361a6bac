//! # Creator market
//!
//! A bonding-curve market for a creator token: fans `buy` the token with the native currency
//! and `sell` it back, at prices set by a curve fixed at creation, never by the creator's mood.
//!
//! * The market holds the token's `MINTER` and `BURNER` roles: a buy mints along the curve, a
//!   sell burns the seller's tokens and pays out of the reserve.
//! * Solvent by construction (see [`curve`]): the reserve always equals `R(S)` for the supply
//!   `S` the market minted, rounded in the reserve's favour, so every token it minted can be sold
//!   back, and no round trip makes a profit.
//! * Fees (creator's, and an optional platform's, in basis points) are charged on top of a buy's
//!   cost and out of a sell's proceeds, and accrue for pull withdrawal (`withdraw_fees`), so a
//!   failing recipient blocks nothing. Launch protection: an optional higher fee that decays
//!   linearly to the normal one over the first `launch_period` ms (the excess goes to the
//!   creator; see [`fees`]), and an optional cap on tokens per call.
//! * Overpayment is refunded in the same call; slippage bounds and deadlines are checked.
//! * `Bought`/`Sold` events carry the amounts and the spot price after the trade, so a frontend
//!   can draw the price chart from events alone.
//! * The curve and fees are immutable: the market has no admin and no upgrade path.
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
    use crate::curve::Curve;
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
        /// Selling more than the market minted.
        InsufficientSupply,
        /// The reserve cannot pay (cannot happen: the reserve always equals the curve).
        InsufficientReserve,
        /// Nothing to withdraw for the caller.
        NoFees,
        /// The market's configuration is inconsistent (fees above 100 %, a free curve, ...).
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

    /// The market's fixed configuration.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct MarketConfig {
        /// The creator token.
        pub token: AccountId,
        /// Smallest token units per whole token (10^decimals).
        pub unit: u128,
        /// The pricing curve.
        pub curve: Curve,
        /// Who receives the creator fee.
        pub creator: AccountId,
        /// Creator fee in basis points.
        pub creator_fee_bps: u16,
        /// The platform fee's recipient and rate, if any.
        pub platform: Option<(AccountId, u16)>,
        /// Total fee at launch, decaying to the normal total over `launch_period` ms (0: none).
        pub launch_fee_bps: u16,
        pub launch_period: u64,
        /// Most tokens one call may buy, if capped.
        pub max_tokens_per_call: Option<u128>,
    }

    /// Emitted on every buy.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Bought {
        #[ink(topic)]
        pub buyer: AccountId,
        pub tokens: u128,
        /// Native paid into the reserve.
        pub cost: u128,
        pub fee: u128,
        pub refund: u128,
        /// Market-minted supply after the trade.
        pub supply: u128,
        /// Price of the next whole token.
        pub spot_price: u128,
    }

    /// Emitted on every sell.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Sold {
        #[ink(topic)]
        pub seller: AccountId,
        pub tokens: u128,
        /// Native taken out of the reserve.
        pub gross: u128,
        pub fee: u128,
        pub payout: u128,
        pub supply: u128,
        pub spot_price: u128,
    }

    /// Emitted when a fee recipient withdraws.
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
        curve::{BuyQuote, SellQuote},
        fees::{self, Rates},
        Bought, FeesWithdrawn, MarketConfig, MarketError as Error, Sold,
    };
    use ink::storage::Mapping;

    #[ink(storage)]
    pub struct CreatorMarket {
        config: MarketConfig,
        launched_at: Timestamp,
        /// Tokens the market minted and not yet bought back.
        supply: Balance,
        /// Native backing `supply`: always `curve.reserve_at(supply)`.
        reserve: Balance,
        fees: Mapping<AccountId, Balance>,
    }

    impl CreatorMarket {
        /// A market for `config.token` (it must then be granted `MINTER` and `BURNER`).
        /// Refused if fees exceed 100 %, the curve is free, or `unit` is zero.
        #[ink(constructor)]
        pub fn new(config: MarketConfig) -> Result<Self, Error> {
            if !Rates::of(&config).is_valid() || !config.curve.is_valid() || config.unit == 0 {
                return Err(Error::InvalidConfig);
            }
            Ok(Self {
                config,
                launched_at: Self::env().block_timestamp(),
                supply: 0,
                reserve: 0,
                fees: Mapping::default(),
            })
        }

        /// Buys as many tokens as the native value sent pays for (cost along the curve plus
        /// fees), refunding the rest in the same call. Refused if fewer than `min_tokens_out`
        /// or after `deadline` (ms).
        #[ink(message, payable)]
        pub fn buy(
            &mut self,
            min_tokens_out: Balance,
            deadline: Timestamp,
        ) -> Result<BuyQuote, Error> {
            let native_in = self.env().transferred_value();
            if native_in == 0 {
                return Err(Error::ZeroValue);
            }
            if self.env().block_timestamp() > deadline {
                return Err(Error::Expired);
            }
            let quote = self.quote_buy(native_in)?;
            if quote.tokens == 0 {
                return Err(Error::TooLittle);
            }
            if quote.tokens < min_tokens_out {
                return Err(Error::Slippage);
            }
            let buyer = self.env().caller();
            self.supply = self
                .supply
                .checked_add(quote.tokens)
                .ok_or(Error::Overflow)?;
            self.reserve = self
                .reserve
                .checked_add(quote.cost)
                .ok_or(Error::Overflow)?;
            self.book_fee(quote.cost, quote.fee)?;
            self.env().emit_event(Bought {
                buyer,
                tokens: quote.tokens,
                cost: quote.cost,
                fee: quote.fee,
                refund: quote.refund,
                supply: self.supply,
                spot_price: self.spot_price(),
            });
            psp::call::mint(self.config.token, buyer, quote.tokens)?;
            if quote.refund > 0 {
                self.env()
                    .transfer(buyer, quote.refund)
                    .map_err(|_| Error::TransferFailed)?;
            }
            Ok(quote)
        }

        /// Sells `amount` of the caller's tokens back along the curve (they are burnt) and
        /// pays the proceeds minus fees. Refused if the payout is below `min_native_out` or
        /// after `deadline` (ms).
        #[ink(message)]
        pub fn sell(
            &mut self,
            amount: Balance,
            min_native_out: Balance,
            deadline: Timestamp,
        ) -> Result<SellQuote, Error> {
            if amount == 0 {
                return Err(Error::ZeroValue);
            }
            if self.env().block_timestamp() > deadline {
                return Err(Error::Expired);
            }
            let quote = self.quote_sell(amount)?;
            if quote.payout < min_native_out {
                return Err(Error::Slippage);
            }
            let seller = self.env().caller();
            // Cannot underflow: `quote_sell` checked the supply.
            self.supply = self.supply.saturating_sub(amount);
            self.reserve = self
                .reserve
                .checked_sub(quote.gross)
                .ok_or(Error::InsufficientReserve)?;
            self.book_fee(quote.gross, quote.fee)?;
            self.env().emit_event(Sold {
                seller,
                tokens: amount,
                gross: quote.gross,
                fee: quote.fee,
                payout: quote.payout,
                supply: self.supply,
                spot_price: self.spot_price(),
            });
            psp::call::burn(self.config.token, seller, amount)?;
            if quote.payout > 0 {
                self.env()
                    .transfer(seller, quote.payout)
                    .map_err(|_| Error::TransferFailed)?;
            }
            Ok(quote)
        }

        /// Exactly what `buy` would do now with `native_in` sent.
        #[ink(message)]
        pub fn quote_buy(&self, native_in: Balance) -> Result<BuyQuote, Error> {
            let max = self.config.max_tokens_per_call.unwrap_or(u128::MAX);
            self.config
                .curve
                .quote_buy(
                    self.supply,
                    native_in,
                    self.fee_bps(),
                    max,
                    self.config.unit,
                )
                .ok_or(Error::Overflow)
        }

        /// Exactly what `sell` would do now with `amount`.
        #[ink(message)]
        pub fn quote_sell(&self, amount: Balance) -> Result<SellQuote, Error> {
            if amount > self.supply {
                return Err(Error::InsufficientSupply);
            }
            self.config
                .curve
                .quote_sell(self.supply, amount, self.fee_bps(), self.config.unit)
                .ok_or(Error::Overflow)
        }

        /// Pays the caller's accrued fees (creator or platform).
        #[ink(message)]
        pub fn withdraw_fees(&mut self) -> Result<Balance, Error> {
            let recipient = self.env().caller();
            let amount = self.fees.get(recipient).unwrap_or_default();
            if amount == 0 {
                return Err(Error::NoFees);
            }
            self.fees.remove(recipient);
            self.env().emit_event(FeesWithdrawn { recipient, amount });
            self.env()
                .transfer(recipient, amount)
                .map_err(|_| Error::TransferFailed)?;
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
            Rates::of(&self.config).at(elapsed)
        }

        /// Market-minted supply, the reserve backing it, and the price of the next whole token.
        #[ink(message)]
        pub fn state(&self) -> (Balance, Balance, Balance) {
            (self.supply, self.reserve, self.spot_price())
        }

        /// The configuration.
        #[ink(message)]
        pub fn config(&self) -> MarketConfig {
            self.config.clone()
        }

        fn spot_price(&self) -> Balance {
            self.config.curve.spot_price(self.supply, self.config.unit)
        }

        /// Splits `fee` (charged on `amount`): the platform's normal share, the rest (creator
        /// fee and any launch excess) to the creator.
        fn book_fee(&mut self, amount: Balance, fee: Balance) -> Result<(), Error> {
            let mut creator_share = fee;
            if let Some((platform, bps)) = self.config.platform {
                let split = fees::split(amount, fee, bps).ok_or(Error::Overflow)?;
                creator_share = split.creator;
                self.credit(platform, split.platform)?;
            }
            self.credit(self.config.creator, creator_share)
        }

        fn credit(&mut self, recipient: AccountId, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Ok(());
            }
            let total = self
                .fees_of(recipient)
                .checked_add(amount)
                .ok_or(Error::Overflow)?;
            self.fees.insert(recipient, &total);
            Ok(())
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `CreatorMarketRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::creator_market::CreatorMarketRef;

#[cfg(test)]
mod tests;
