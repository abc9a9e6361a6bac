//! The market's arithmetic, free of storage so it can be tested exhaustively.
//!
//! A [`Curve`] gives the reserve `R(S)` that must back a market-minted supply `S`; buying `n`
//! costs `R(S + n) - R(S)` and selling `n` returns `R(S) - R(S - n)`. Because both come from
//! the same function of `S` alone, the reserve always equals `R(S)` exactly, whatever the order
//! of trades: selling back everything returns the whole reserve, and no round trip can make a
//! profit. `R` rounds up (in the reserve's favour) and never decreases. A new curve is a new
//! variant of [`Curve`]; `buy`/`sell` only ever call [`Curve::reserve_at`].

// parity-scale-codec's derive on the `Curve` enum trips `cast_possible_truncation` (see
// `psp::psp22`); this module has no casts of its own.
#![allow(clippy::cast_possible_truncation)]

use psp::math::{mul_div_ceil, mul_div_floor};

/// The basis-point denominator.
pub const BPS: u128 = 10_000;

/// A pricing curve. Prices are in the native currency's smallest unit per whole token
/// (`unit` smallest token units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Curve {
    /// `price(S) = base_price + slope * S / unit` per whole token.
    Linear { base_price: u128, slope: u128 },
}

/// What a buy would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BuyQuote {
    /// Tokens minted (smallest units).
    pub tokens: u128,
    /// Native paid into the reserve.
    pub cost: u128,
    /// Native paid as fees.
    pub fee: u128,
    /// Native sent back (overpayment).
    pub refund: u128,
}

/// What a sell would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SellQuote {
    /// Native taken out of the reserve.
    pub gross: u128,
    /// Native kept as fees.
    pub fee: u128,
    /// Native paid to the seller.
    pub payout: u128,
}

impl Curve {
    /// Whether the curve can price anything (a curve that is free everywhere cannot).
    pub fn is_valid(&self) -> bool {
        match *self {
            Curve::Linear { base_price, slope } => base_price > 0 || slope > 0,
        }
    }

    /// The reserve backing `supply` (rounded up), or `None` if it does not fit in a `u128`.
    pub fn reserve_at(&self, supply: u128, unit: u128) -> Option<u128> {
        match *self {
            Curve::Linear { base_price, slope } => {
                // base * S / unit + slope * S^2 / (2 * unit^2), each term rounded up.
                let flat = mul_div_ceil(base_price, supply, unit)?;
                let square = mul_div_ceil(supply, supply, unit)?;
                let rising = mul_div_ceil(slope, square, unit.checked_mul(2)?)?;
                flat.checked_add(rising)
            }
        }
    }

    /// The marginal price at `supply`, per whole token.
    pub fn spot_price(&self, supply: u128, unit: u128) -> u128 {
        match *self {
            Curve::Linear { base_price, slope } => {
                base_price.saturating_add(mul_div_floor(slope, supply, unit).unwrap_or(u128::MAX))
            }
        }
    }

    /// The most tokens `native_in` buys at `supply` with `fee_bps` on top of the cost, at
    /// most `max_tokens`. `None` only if the supply is already beyond what the curve prices.
    pub fn quote_buy(
        &self,
        supply: u128,
        native_in: u128,
        fee_bps: u128,
        max_tokens: u128,
        unit: u128,
    ) -> Option<BuyQuote> {
        let base = self.reserve_at(supply, unit)?;
        // Total paid for `n` tokens, if it fits in `native_in`.
        let total = |n: u128| -> Option<(u128, u128)> {
            let cost = self
                .reserve_at(supply.checked_add(n)?, unit)?
                .checked_sub(base)?;
            let fee = mul_div_ceil(cost, fee_bps, BPS)?;
            let paid = cost.checked_add(fee)?;
            (paid <= native_in).then_some((cost, fee))
        };
        // Grow an upper bound, then binary-search the largest affordable amount; `total` is
        // monotone in `n` because the reserve never decreases. At most 2 * 128 evaluations.
        let mut low = 0u128;
        let mut high = 1u128;
        while high <= max_tokens && total(high).is_some() {
            low = high;
            match high.checked_mul(2) {
                Some(next) => high = next,
                None => break,
            }
        }
        let mut high = high.min(max_tokens.saturating_add(1));
        while high.saturating_sub(low) > 1 {
            let middle = low.saturating_add(high.saturating_sub(low) / 2);
            if middle <= max_tokens && total(middle).is_some() {
                low = middle;
            } else {
                high = middle;
            }
        }
        let (cost, fee) = total(low).unwrap_or((0, 0));
        Some(BuyQuote {
            tokens: low,
            cost,
            fee,
            refund: native_in.saturating_sub(cost).saturating_sub(fee),
        })
    }

    /// What selling `tokens` back at `supply` returns with `fee_bps` taken from it; `None` if
    /// `tokens` exceeds the market-minted supply or the reserve does not fit.
    pub fn quote_sell(
        &self,
        supply: u128,
        tokens: u128,
        fee_bps: u128,
        unit: u128,
    ) -> Option<SellQuote> {
        let after = supply.checked_sub(tokens)?;
        let gross = self
            .reserve_at(supply, unit)?
            .checked_sub(self.reserve_at(after, unit)?)?;
        let fee = mul_div_ceil(gross, fee_bps, BPS)?.min(gross);
        Some(SellQuote {
            gross,
            fee,
            payout: gross.saturating_sub(fee),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: u128 = 1_000_000_000_000; // 12 decimals
    const CURVE: Curve = Curve::Linear {
        base_price: 1_000,
        slope: 10,
    };

    #[test]
    fn reserve_is_the_integral_of_the_price() {
        // 100 whole tokens: 1,000 * 100 + 10 * 100^2 / 2 = 150,000.
        assert_eq!(CURVE.reserve_at(100 * UNIT, UNIT), Some(150_000));
        assert_eq!(CURVE.reserve_at(0, UNIT), Some(0));
        assert_eq!(CURVE.spot_price(100 * UNIT, UNIT), 2_000);
        assert!(
            CURVE.reserve_at(u128::MAX, 1).is_none(),
            "too large is None, not a panic"
        );
    }

    #[test]
    fn quotes_buy_the_most_that_fits_and_refund_the_rest() {
        let quote = CURVE
            .quote_buy(0, 151_000, 0, u128::MAX, UNIT)
            .expect("quote");
        assert!(quote.cost <= 151_000 && quote.tokens >= 100 * UNIT);
        assert_eq!(quote.cost + quote.fee + quote.refund, 151_000);
        let capped = CURVE
            .quote_buy(0, 151_000, 0, 10 * UNIT, UNIT)
            .expect("quote");
        assert_eq!(capped.tokens, 10 * UNIT);
        let with_fee = CURVE
            .quote_buy(0, 151_000, 500, u128::MAX, UNIT)
            .expect("quote");
        assert!(with_fee.tokens < quote.tokens);
        assert_eq!(with_fee.fee, (with_fee.cost * 500).div_ceil(10_000));
        let nothing = CURVE.quote_buy(0, 0, 0, u128::MAX, UNIT).expect("quote");
        assert_eq!(nothing, BuyQuote::default());
    }

    #[test]
    fn selling_back_returns_exactly_the_cost() {
        let bought = CURVE
            .quote_buy(0, 1_000_000, 0, u128::MAX, UNIT)
            .expect("quote");
        let sold = CURVE
            .quote_sell(bought.tokens, bought.tokens, 0, UNIT)
            .expect("quote");
        assert_eq!(sold.gross, bought.cost);
        assert!(CURVE.quote_sell(5, 6, 0, UNIT).is_none());
        let fees = CURVE
            .quote_sell(bought.tokens, bought.tokens, 10_000, UNIT)
            .expect("quote");
        assert_eq!(fees.payout, 0);
    }
}
