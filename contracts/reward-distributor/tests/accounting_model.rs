//! Property test of the reward accounting against an exact reference model.
//!
//! Random sequences of stake / unstake / deposit / advance-time / claim across several accounts
//! run through the contract's own arithmetic (`Stream`, `Position`) and through a model that
//! computes every share with exact rationals. Checked after every step and at the end:
//! * total paid never exceeds total deposited;
//! * each account's claims equal its exact pro-rata share within the rounding bound
//!   `changes + settlements(account) + 1` units, where `changes` counts the stake changes and
//!   deposits: a stream releases within one unit of its linear schedule however often it is
//!   touched (the fraction is carried), so what rounding defers can move between accounts only
//!   when the shares or the schedule change, and every settlement rounds down by less than one
//!   unit. Touching the stream adds nothing to the bound;
//! * at the end (someone staked, the streams run out) everything deposited is paid except
//!   that dust.
//!
//! Case count: `PROPTEST_CASES` (default 256; `scripts/test --long` runs 10,000).

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use reward_distributor::accounting::{Position, Stream};

const ACCOUNTS: u8 = 4;
const DURATION: u64 = 1_000;

#[derive(Debug, Clone)]
enum Op {
    Stake(u8, u128),
    Unstake(u8, u128),
    Deposit(u128),
    Advance(u64),
    Claim(u8),
}

fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![
        4 => 1u128..10_000,
        2 => 1u128..=1_000_000_000_000_000_000_000_000,
        1 => Just(u128::MAX / 4),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..ACCOUNTS, amount()).prop_map(|(a, v)| Op::Stake(a, v)),
        2 => (0..ACCOUNTS, amount()).prop_map(|(a, v)| Op::Unstake(a, v)),
        2 => amount().prop_map(Op::Deposit),
        3 => (1u64..1_500).prop_map(Op::Advance),
        2 => (0..ACCOUNTS).prop_map(Op::Claim),
    ]
}

fn rational(value: u128) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

/// The contract's arithmetic, as the contract drives it.
#[derive(Default)]
struct Engine {
    now: u64,
    stream: Stream,
    stakes: BTreeMap<u8, u128>,
    positions: BTreeMap<u8, Position>,
    total: u128,
    paid: BTreeMap<u8, u128>,
    changes: u32,
    settlements: BTreeMap<u8, u32>,
}

impl Engine {
    fn advance(&mut self) {
        self.stream.advance(self.now, self.total);
    }

    fn settle(&mut self, who: u8) {
        self.advance();
        let stake = self.stakes.get(&who).copied().unwrap_or(0);
        let position = self.positions.entry(who).or_default();
        position
            .settle(self.stream.reward_per_share, stake)
            .expect("settles");
        *self.settlements.entry(who).or_default() += 1;
    }

    fn claim(&mut self, who: u8) -> u128 {
        self.settle(who);
        let position = self.positions.entry(who).or_default();
        let owed = std::mem::take(&mut position.owed);
        *self.paid.entry(who).or_default() += owed;
        owed
    }
}

/// The exact model: rationals everywhere, same schedule (linear release, pause when empty).
#[derive(Default)]
struct Model {
    remaining: BigRational,
    finish: u64,
    last_update: u64,
    earned: BTreeMap<u8, BigRational>,
}

impl Model {
    fn advance(&mut self, now: u64, stakes: &BTreeMap<u8, u128>, total: u128) {
        let start = self.last_update;
        if now <= start {
            return;
        }
        self.last_update = now;
        if self.finish <= start || self.remaining.is_zero() {
            return;
        }
        let elapsed = now - start;
        if total == 0 {
            self.finish += elapsed;
            return;
        }
        let window = self.finish - start;
        let released = if elapsed >= window {
            self.remaining.clone()
        } else {
            &self.remaining * rational(elapsed.into()) / rational(window.into())
        };
        self.remaining -= &released;
        for (who, stake) in stakes {
            *self.earned.entry(*who).or_insert_with(BigRational::zero) +=
                &released * rational(*stake) / rational(total);
        }
    }

    /// Adds `amount` at `now`; everything left streams until `finish`, the engine's (the
    /// weighting of the finish has unit tests of its own).
    fn deposit(
        &mut self,
        now: u64,
        amount: u128,
        finish: u64,
        stakes: &BTreeMap<u8, u128>,
        total: u128,
    ) {
        self.advance(now, stakes, total);
        self.remaining += rational(amount);
        self.finish = finish;
        self.last_update = now;
    }
}

fn check(engine: &Engine, model: &Model, deposited: u128) {
    let paid: u128 = engine.paid.values().sum();
    assert!(paid <= deposited, "paid {paid} > deposited {deposited}");
    for who in 0..ACCOUNTS {
        let claimed = rational(engine.paid.get(&who).copied().unwrap_or(0));
        let owed = rational(engine.positions.get(&who).map(|p| p.owed).unwrap_or(0));
        let exact = model
            .earned
            .get(&who)
            .cloned()
            .unwrap_or_else(BigRational::zero);
        let bound = rational(
            u128::from(engine.changes)
                + u128::from(engine.settlements.get(&who).copied().unwrap_or(0))
                + 1,
        );
        // Booked (claimed + owed) never runs ahead of the exact share by more than the
        // bound, and never lags it by more than the bound plus what is not yet settled.
        let booked = claimed + owed;
        assert!(
            booked <= &exact + &bound,
            "account {who}: booked {booked} > exact {exact} + {bound}"
        );
    }
}

proptest! {
    #[test]
    fn rewards_match_the_exact_model(ops in prop::collection::vec(op(), 1..60)) {
        let mut engine = Engine::default();
        let mut model = Model::default();
        let mut deposited = 0u128;
        for op in &ops {
            match *op {
                Op::Stake(who, amount) => {
                    let Some(total) = engine.total.checked_add(amount) else { continue };
                    engine.settle(who);
                    model.advance(engine.now, &engine.stakes, engine.total);
                    *engine.stakes.entry(who).or_default() += amount;
                    engine.total = total;
                    engine.changes += 1;
                }
                Op::Unstake(who, amount) => {
                    let stake = engine.stakes.get(&who).copied().unwrap_or(0);
                    if amount > stake {
                        continue;
                    }
                    engine.settle(who);
                    model.advance(engine.now, &engine.stakes, engine.total);
                    engine.stakes.insert(who, stake - amount);
                    engine.total -= amount;
                    engine.changes += 1;
                }
                Op::Deposit(amount) => {
                    let Some(total) = deposited.checked_add(amount) else { continue };
                    engine.advance();
                    if engine.stream.deposit(engine.now, amount, DURATION, engine.total).is_none() {
                        continue;
                    }
                    model.deposit(engine.now, amount, engine.stream.finish, &engine.stakes, engine.total);
                    deposited = total;
                    engine.changes += 1;
                }
                Op::Advance(ms) => engine.now += ms,
                Op::Claim(who) => {
                    engine.claim(who);
                    model.advance(engine.now, &engine.stakes, engine.total);
                }
            }
            check(&engine, &model, deposited);
        }
        // The end: someone is staked, every stream runs out, everyone claims.
        if engine.total == 0 {
            engine.settle(0);
            model.advance(engine.now, &engine.stakes, engine.total);
            engine.stakes.insert(0, 1);
            engine.total = 1;
        }
        engine.now += 10 * DURATION + 1_000_000;
        for who in 0..ACCOUNTS {
            engine.claim(who);
        }
        model.advance(engine.now, &engine.stakes, engine.total);
        check(&engine, &model, deposited);
        prop_assert_eq!(engine.stream.remaining, 0, "every stream ran out");
        let paid: u128 = engine.paid.values().sum();
        let mut dust_bound = 0u128;
        for who in 0..ACCOUNTS {
            let claimed = rational(engine.paid.get(&who).copied().unwrap_or(0));
            let exact = model.earned.get(&who).cloned().unwrap_or_else(BigRational::zero);
            let bound = u128::from(engine.changes)
                + u128::from(engine.settlements.get(&who).copied().unwrap_or(0))
                + 1;
            let gap = (&exact - &claimed).abs();
            prop_assert!(gap <= rational(bound), "account {}: claimed {} vs exact {}", who, claimed, exact);
            dust_bound += bound;
        }
        prop_assert!(deposited - paid <= dust_bound, "dust {} > {}", deposited - paid, dust_bound);
        let exact_total: BigRational = model.earned.values().cloned().fold(BigRational::zero(), |a, b| a + b);
        prop_assert_eq!(exact_total.to_integer().to_u128(), Some(deposited), "the model pays everything");
    }
}
