//! The market's arithmetic, free of storage so it can be tested exhaustively.
//!
//! # The model: a fully backed token with a rising launch floor
//!
//! The market prices the token against its **real** circulating supply `S` (the token's
//! `total_supply`, whoever minted it: the market, the mining pool or the vesting allocation)
//! and its **real** reserve `R` (the native currency fans paid in). Every token is a claim on
//! the same share of the reserve, its *exit price* `R / S` (a continuous token with a reserve
//! ratio of 100 %).
//!
//! * **Sell** `n`: the seller receives `R · n / S`, rounded down (fees come out of that), and
//!   the last tokens (`n = S`) receive what is left of the reserve. Every holder can always
//!   sell everything, in any order, and what all of them receive adds up to the reserve
//!   exactly; no sell is ever refused for want of reserve. The order does not matter: the
//!   first seller gets the same price per token as the last (up to rounding in the reserve's
//!   favour), so nobody gains by running for the exit.
//! * **Burns** by holders of their own tokens lower `S` and leave their share to the others
//!   (if every token is burned, the reserve waits for the next buyer, who then holds it all).
//! * **Outside mints** (mining, vesting) raise `S` without adding reserve: the exit price of
//!   every token falls, the new ones' and the old ones' alike, so no class of holder drains
//!   the reserve ahead of the others. (A reserve ratio below 100 %, Bancor's usual choice,
//!   would pay the first sellers more per token than the last: miners selling first would
//!   take more than their share.)
//! * **Buy** `n` costs the larger of two prices:
//!   - the *reserve price*, `R · n / S` rounded up: what the new tokens will be worth. A buy
//!     never lowers the exit price, so it takes nothing from holders, and a round trip (buy,
//!     then sell what was bought) never returns more than it cost;
//!   - the *launch floor*, the creator's [`Curve`] over the market's own net sales `m`:
//!     `C(m + n) − C(m)` where `C` is the integral of `base_price + slope · m`. It prices the
//!     first tokens (with no reserve yet it is the virtual reserve the market starts from),
//!     and it rises as fans buy; whatever a buyer pays above the exit price raises the exit
//!     price of every token, so early fans gain from later ones, and lose that gain back only
//!     to outside mints.
//!
//! Every rounding is in the reserve's favour: a buyer receives the most tokens the value pays
//! for, never more; a seller at most the exact share. `R` is what the shell stores; `S` comes
//! from the token at each trade.

// parity-scale-codec's derive on the `Curve` enum trips `cast_possible_truncation` (see
// `psp::psp22`); this module has no casts of its own.
#![allow(clippy::cast_possible_truncation)]

use psp::math::{mul_div_ceil, mul_div_floor};

/// The basis-point denominator.
pub const BPS: u128 = 10_000;

/// The launch floor. Prices are in the native currency's smallest unit per whole token
/// (`unit` smallest token units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Curve {
    /// `price(m) = base_price + slope * m / unit` per whole token, over the market's net sales.
    Linear { base_price: u128, slope: u128 },
}

/// What the market prices against: its reserve, the token's supply, and its own net sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reserve {
    /// Native backing every token (`R`).
    pub reserve: u128,
    /// The token's total supply (`S`).
    pub supply: u128,
    /// Tokens the market sold and not bought back (`m`; saturates at zero): the launch
    /// floor's position.
    pub sold: u128,
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

    /// `C(m)`: what the floor charges for the first `sold` tokens (rounded up), or `None` if
    /// it does not fit in a `u128`.
    pub fn reserve_at(&self, sold: u128, unit: u128) -> Option<u128> {
        match *self {
            Curve::Linear { base_price, slope } => {
                // base * m / unit + slope * m^2 / (2 * unit^2), each term rounded up.
                let flat = mul_div_ceil(base_price, sold, unit)?;
                let square = mul_div_ceil(sold, sold, unit)?;
                let rising = mul_div_ceil(slope, square, unit.checked_mul(2)?)?;
                flat.checked_add(rising)
            }
        }
    }

    /// How much less than the exact integral `C(m + n) - C(m)` can charge for its rounding
    /// (each term rounds up, the squared one twice): at most `3 + slope / (2 * unit)`.
    pub fn rounding_slack(&self, unit: u128) -> u128 {
        match *self {
            Curve::Linear { slope, .. } => {
                let per_unit = slope.div_ceil(unit.saturating_mul(2).max(1));
                per_unit.saturating_add(3)
            }
        }
    }

    /// The floor's marginal price at `sold`, per whole token.
    pub fn spot_price(&self, sold: u128, unit: u128) -> u128 {
        match *self {
            Curve::Linear { base_price, slope } => {
                base_price.saturating_add(mul_div_floor(slope, sold, unit).unwrap_or(u128::MAX))
            }
        }
    }
}

impl Reserve {
    /// The reserve price of `tokens` more, `R · tokens / S` rounded up: the least that keeps
    /// the exit price. Zero while there is no reserve or no supply (the launch floor prices
    /// those), `None` if it does not fit.
    pub fn reserve_price(&self, tokens: u128) -> Option<u128> {
        if self.reserve == 0 || self.supply == 0 {
            return Some(0);
        }
        mul_div_ceil(self.reserve, tokens, self.supply)
    }

    /// What `tokens` more cost: the larger of the reserve price and the launch floor.
    pub fn cost_of(&self, curve: &Curve, tokens: u128, unit: u128) -> Option<u128> {
        let floor = curve
            .reserve_at(self.sold.checked_add(tokens)?, unit)?
            .checked_sub(curve.reserve_at(self.sold, unit)?)?;
        Some(floor.max(self.reserve_price(tokens)?))
    }

    /// What selling `tokens` takes out of the reserve, `R · tokens / S` rounded down, and the
    /// whole reserve for the whole supply; `None` beyond the supply.
    pub fn proceeds_of(&self, tokens: u128) -> Option<u128> {
        if tokens >= self.supply {
            return (tokens == self.supply).then_some(self.reserve);
        }
        mul_div_floor(self.reserve, tokens, self.supply)
    }

    /// The exit price of a whole token, `R / S` (rounded down; zero without supply).
    pub fn exit_price(&self, unit: u128) -> u128 {
        if self.supply == 0 {
            return 0;
        }
        mul_div_floor(self.reserve, unit, self.supply).unwrap_or(u128::MAX)
    }

    /// The price of the next whole token bought: the larger of the exit price and the floor's.
    pub fn buy_price(&self, curve: &Curve, unit: u128) -> u128 {
        curve.spot_price(self.sold, unit).max(self.exit_price(unit))
    }

    /// An upper bound on the tokens `native_in` can buy with `fee_bps` on top: the cost is at
    /// most `c = native_in * BPS / (BPS + fee_bps)`, the floor charges at least its current
    /// price per whole token (less its rounding slack), and the reserve price `R / S` each.
    fn most_tokens_for(&self, curve: &Curve, native_in: u128, fee_bps: u128, unit: u128) -> u128 {
        let spend = mul_div_floor(native_in, BPS, BPS.saturating_add(fee_bps)).unwrap_or(0);
        let spot = curve.spot_price(self.sold, unit);
        let by_floor = if spot == 0 {
            u128::MAX
        } else {
            let slack = curve.rounding_slack(unit);
            mul_div_floor(spend.saturating_add(slack), unit, spot).unwrap_or(u128::MAX)
        };
        let by_reserve = if self.reserve == 0 || self.supply == 0 {
            u128::MAX
        } else {
            mul_div_floor(spend, self.supply, self.reserve).unwrap_or(u128::MAX)
        };
        by_floor.min(by_reserve)
    }

    /// The most tokens `native_in` buys with `fee_bps` on top of the cost, at most
    /// `max_tokens`, and the refund. Nothing fits: a quote of zero tokens.
    pub fn quote_buy(
        &self,
        curve: &Curve,
        native_in: u128,
        fee_bps: u128,
        max_tokens: u128,
        unit: u128,
    ) -> BuyQuote {
        // Cost and fee of `n` tokens, if they fit in `native_in`.
        let total = |n: u128| -> Option<(u128, u128)> {
            let cost = self.cost_of(curve, n, unit)?;
            let fee = mul_div_ceil(cost, fee_bps, BPS)?;
            (cost.checked_add(fee)? <= native_in).then_some((cost, fee))
        };
        // The answer is at most `bound`; if `bound` itself fits (the cap, or the reserve price
        // ruling), it is the answer, else binary-search below it (the cost is monotone in `n`:
        // both prices are). At most 129 evaluations, one in the common capped cases.
        let bound = self
            .most_tokens_for(curve, native_in, fee_bps, unit)
            .min(max_tokens);
        let (tokens, (cost, fee)) = match total(bound) {
            Some(paid) => (bound, paid),
            None => {
                // `low` always fits, for `paid`; zero tokens cost nothing.
                let (mut low, mut high, mut paid) = (0u128, bound, (0, 0));
                while high.saturating_sub(low) > 1 {
                    let middle = low.saturating_add(high.saturating_sub(low) / 2);
                    match total(middle) {
                        Some(fits) => (low, paid) = (middle, fits),
                        None => high = middle,
                    }
                }
                (low, paid)
            }
        };
        BuyQuote {
            tokens,
            cost,
            fee,
            refund: native_in.saturating_sub(cost).saturating_sub(fee),
        }
    }

    /// What selling `tokens` returns with `fee_bps` taken from it; `None` beyond the supply.
    pub fn quote_sell(&self, tokens: u128, fee_bps: u128) -> Option<SellQuote> {
        let gross = self.proceeds_of(tokens)?;
        let fee = mul_div_ceil(gross, fee_bps, BPS)?.min(gross);
        Some(SellQuote {
            gross,
            fee,
            payout: gross.saturating_sub(fee),
        })
    }

    /// After a buy of `quote`.
    pub fn bought(self, quote: &BuyQuote) -> Option<Self> {
        Some(Self {
            reserve: self.reserve.checked_add(quote.cost)?,
            supply: self.supply.checked_add(quote.tokens)?,
            sold: self.sold.checked_add(quote.tokens)?,
        })
    }

    /// After a sell of `tokens` for `quote`.
    pub fn sold_back(self, tokens: u128, quote: &SellQuote) -> Option<Self> {
        Some(Self {
            reserve: self.reserve.checked_sub(quote.gross)?,
            supply: self.supply.checked_sub(tokens)?,
            sold: self.sold.saturating_sub(tokens),
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
    const START: Reserve = Reserve {
        reserve: 0,
        supply: 0,
        sold: 0,
    };

    #[test]
    fn the_floor_is_the_integral_of_the_launch_price() {
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
    fn the_first_buy_pays_the_floor_and_selling_it_all_returns_the_reserve() {
        let quote = START.quote_buy(&CURVE, 151_000, 0, u128::MAX, UNIT);
        assert!(quote.cost <= 151_000 && quote.tokens >= 100 * UNIT);
        assert_eq!(quote.cost + quote.fee + quote.refund, 151_000);
        let after = START.bought(&quote).expect("fits");
        assert_eq!(after.proceeds_of(quote.tokens), Some(quote.cost));
        assert_eq!(after.exit_price(UNIT), quote.cost * UNIT / quote.tokens);
        let capped = START.quote_buy(&CURVE, 151_000, 0, 10 * UNIT, UNIT);
        assert_eq!(capped.tokens, 10 * UNIT);
        let with_fee = START.quote_buy(&CURVE, 151_000, 500, u128::MAX, UNIT);
        assert!(with_fee.tokens < quote.tokens);
        assert_eq!(with_fee.fee, (with_fee.cost * 500).div_ceil(10_000));
        assert_eq!(
            START.quote_buy(&CURVE, 0, 0, u128::MAX, UNIT),
            BuyQuote::default()
        );
    }

    #[test]
    fn outside_mints_lower_the_exit_price_for_everyone_and_never_block_a_sell() {
        let bought = START.quote_buy(&CURVE, 1_000_000, 0, u128::MAX, UNIT);
        let fan = bought.tokens;
        let market = START.bought(&bought).expect("fits");
        // A miner is minted as much as the fan bought: the reserve is shared half and half.
        let diluted = Reserve {
            supply: market.supply * 2,
            ..market
        };
        assert_eq!(diluted.exit_price(UNIT), market.exit_price(UNIT) / 2);
        // The miner sells first: half of the reserve, its share, not more ...
        let miner = diluted.quote_sell(fan, 0).expect("sells");
        assert_eq!(miner.gross, bought.cost / 2);
        let left = diluted.sold_back(fan, &miner).expect("fits");
        // ... and the fan still sells everything, for the rest, exactly.
        let last = left.quote_sell(fan, 0).expect("sells");
        assert_eq!(miner.gross + last.gross, bought.cost);
        assert_eq!(left.sold_back(fan, &last).expect("fits").reserve, 0);
        assert!(left.quote_sell(fan + 1, 0).is_none(), "beyond the supply");
    }

    #[test]
    fn a_diluted_market_sells_at_the_floor_and_a_rich_one_at_the_reserve_price() {
        // A vesting allocation and no reserve: the floor prices the buy.
        let vested = Reserve {
            supply: 1_000_000 * UNIT,
            ..START
        };
        let quote = vested.quote_buy(&CURVE, 1_000_000, 0, u128::MAX, UNIT);
        let floor = START.quote_buy(&CURVE, 1_000_000, 0, u128::MAX, UNIT);
        assert_eq!(quote, floor);
        // Reserve far above the floor: the reserve price rules, `k` is kept.
        let rich = Reserve {
            reserve: 10_000_000_000,
            supply: 100 * UNIT,
            sold: 100 * UNIT,
        };
        let quote = rich.quote_buy(&CURVE, 1_000_000, 0, u128::MAX, UNIT);
        assert!(quote.tokens > 0);
        assert_eq!(rich.cost_of(&CURVE, quote.tokens, UNIT), Some(quote.cost));
        assert!(quote.cost > CURVE.reserve_at(101 * UNIT, UNIT).unwrap() - 150_000);
        assert_eq!(rich.buy_price(&CURVE, UNIT), rich.exit_price(UNIT));
    }

    #[test]
    fn fees_come_out_of_a_sale() {
        let bought = START.quote_buy(&CURVE, 1_000_000, 0, u128::MAX, UNIT);
        let market = START.bought(&bought).expect("fits");
        let all = market.quote_sell(bought.tokens, 10_000).expect("sells");
        assert_eq!((all.gross, all.payout), (bought.cost, 0));
        let some = market.quote_sell(bought.tokens, 300).expect("sells");
        assert_eq!(some.fee, (some.gross * 300).div_ceil(10_000));
        assert_eq!(some.fee + some.payout, some.gross);
    }
}
