//! Property test of the market's arithmetic over random buy/sell sequences from many accounts.
//!
//! Checked after every trade: the reserve equals `R(S)` for the market-minted supply and is at
//! least the exact integral of the price (the excess is at most `2 + slope / (2 * unit)`);
//! selling back the whole supply would return exactly the reserve; an immediate round trip
//! (buy, then sell what was bought) never returns more than was paid, fees aside; every fee is
//! accounted (the market's native balance = reserve + fees owed). Case count: `PROPTEST_CASES`
//! (default 256; `scripts/test --long` runs 10,000).

use creator_market::curve::{Curve, BPS};
use num_bigint::BigUint;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Buy(usize, u128),
    Sell(usize, u128),
    RoundTrip(u128),
}

fn curve() -> impl Strategy<Value = (Curve, u128)> {
    (
        prop_oneof![0u128..10, 1u128..1_000_000, Just(1_000_000_000_000u128)],
        prop_oneof![0u128..10, 1u128..1_000_000, Just(1_000_000_000u128)],
        prop_oneof![
            Just(1u128),
            Just(1_000_000u128),
            Just(1_000_000_000_000_000_000u128)
        ],
    )
        .prop_filter("priced", |(base, slope, _)| *base > 0 || *slope > 0)
        .prop_map(|(base_price, slope, unit)| (Curve::Linear { base_price, slope }, unit))
}

fn op() -> impl Strategy<Value = Op> {
    let value = prop_oneof![
        1u128..1_000,
        1u128..1_000_000_000_000,
        1u128..1_000_000_000_000_000_000_000
    ];
    prop_oneof![
        (0usize..5, value.clone()).prop_map(|(who, v)| Op::Buy(who, v)),
        (0usize..5, any::<u128>()).prop_map(|(who, fraction)| Op::Sell(who, fraction)),
        value.prop_map(Op::RoundTrip),
    ]
}

/// The exact integral of the price from 0 to `supply`, rounded down.
fn exact(curve: &Curve, supply: u128, unit: u128) -> BigUint {
    let Curve::Linear { base_price, slope } = *curve;
    let s = BigUint::from(supply);
    let u = BigUint::from(unit);
    let numerator =
        BigUint::from(2u8) * &u * BigUint::from(base_price) * &s + BigUint::from(slope) * &s * &s;
    numerator / (BigUint::from(2u8) * &u * &u)
}

proptest! {
    #[test]
    fn the_market_stays_solvent_and_round_trips_never_profit(
        (curve, unit) in curve(),
        fee_bps in prop_oneof![Just(0u128), 0u128..2_000],
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let mut supply = 0u128;
        let mut reserve = 0u128;
        let mut fees = 0u128;
        let mut received = 0u128; // native the market holds = reserve + fees
        let mut holdings = [0u128; 5];
        for op in &ops {
            match *op {
                Op::Buy(who, value) => {
                    let Some(quote) = curve.quote_buy(supply, value, fee_bps, u128::MAX, unit) else { continue };
                    prop_assert_eq!(quote.cost + quote.fee + quote.refund, value);
                    prop_assert_eq!(quote.fee, (quote.cost * fee_bps).div_ceil(BPS));
                    if let Some(one_more) = curve.reserve_at(supply + quote.tokens + 1, unit) {
                        let cost = one_more - curve.reserve_at(supply, unit).unwrap();
                        prop_assert!(cost + (cost * fee_bps).div_ceil(BPS) > value, "the most tokens that fit");
                    }
                    supply += quote.tokens;
                    reserve += quote.cost;
                    fees += quote.fee;
                    received += quote.cost + quote.fee;
                    holdings[who] += quote.tokens;
                }
                Op::Sell(who, fraction) => {
                    let amount = if holdings[who] == 0 { 0 } else { fraction % (holdings[who] + 1) };
                    let Some(quote) = curve.quote_sell(supply, amount, fee_bps, unit) else { continue };
                    prop_assert_eq!(quote.fee + quote.payout, quote.gross);
                    supply -= amount;
                    reserve -= quote.gross;
                    fees += quote.fee;
                    received -= quote.payout;
                    holdings[who] -= amount;
                }
                Op::RoundTrip(value) => {
                    let Some(buy) = curve.quote_buy(supply, value, fee_bps, u128::MAX, unit) else { continue };
                    let Some(sell) = curve.quote_sell(supply + buy.tokens, buy.tokens, fee_bps, unit) else { continue };
                    prop_assert!(sell.gross <= buy.cost, "no profit before fees");
                    prop_assert!(sell.payout <= value - buy.refund - buy.fee);
                    prop_assert_eq!(sell.gross, buy.cost, "an immediate round trip is exact");
                }
            }
            let expected = curve.reserve_at(supply, unit).expect("in range");
            prop_assert_eq!(reserve, expected, "reserve = R(S)");
            let ideal = exact(&curve, supply, unit);
            let Curve::Linear { slope, .. } = curve;
            prop_assert!(BigUint::from(reserve) >= ideal.clone(), "covers the exact integral");
            prop_assert!(BigUint::from(reserve) <= ideal + BigUint::from(3u8) + BigUint::from(slope / (2 * unit)));
            let all = curve.quote_sell(supply, supply, 0, unit).expect("sell all");
            prop_assert_eq!(all.gross, reserve, "selling everything back empties the reserve exactly");
            prop_assert_eq!(received, reserve + fees, "every fee accounted");
            prop_assert_eq!(holdings.iter().sum::<u128>(), supply);
        }
    }
}
