//! Property test of the PSP22 ledger against a plain reference model: random sequences of every
//! state change across a handful of accounts, with values from tiny to `u128::MAX`.
//!
//! After every step: the ledger and the model agree on the outcome (success or the same error),
//! on every balance and allowance; and the balances sum to the total supply.
//! Case count: proptest's default (256) or `PROPTEST_CASES` (the long mode uses 10,000).

use std::collections::HashMap;

use ink::primitives::AccountId;
use proptest::prelude::*;
use psp::{PSP22Data, PSP22Error};

const ACCOUNTS: u8 = 4;

fn account(index: u8) -> AccountId {
    AccountId::from([index; 32])
}

#[derive(Debug, Clone)]
enum Op {
    Transfer(u8, u8, u128),
    TransferFrom(u8, u8, u8, u128),
    Approve(u8, u8, u128),
    Increase(u8, u8, u128),
    Decrease(u8, u8, u128),
    Mint(u8, u128),
    Burn(u8, u128),
}

fn value() -> impl Strategy<Value = u128> {
    prop_oneof![
        3 => 0u128..1_000,
        1 => Just(u128::MAX),
        1 => (u128::MAX - 1_000)..=u128::MAX,
        1 => any::<u128>(),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let who = || 0..ACCOUNTS;
    prop_oneof![
        (who(), who(), value()).prop_map(|(a, b, v)| Op::Transfer(a, b, v)),
        (who(), who(), who(), value()).prop_map(|(c, a, b, v)| Op::TransferFrom(c, a, b, v)),
        (who(), who(), value()).prop_map(|(a, b, v)| Op::Approve(a, b, v)),
        (who(), who(), value()).prop_map(|(a, b, v)| Op::Increase(a, b, v)),
        (who(), who(), value()).prop_map(|(a, b, v)| Op::Decrease(a, b, v)),
        (who(), value()).prop_map(|(a, v)| Op::Mint(a, v)),
        (who(), value()).prop_map(|(a, v)| Op::Burn(a, v)),
    ]
}

/// The obviously-correct model: plain maps and u128 arithmetic with explicit checks.
#[derive(Default)]
struct Model {
    supply: u128,
    balances: HashMap<u8, u128>,
    allowances: HashMap<(u8, u8), u128>,
}

impl Model {
    fn balance(&self, a: u8) -> u128 {
        self.balances.get(&a).copied().unwrap_or(0)
    }
    fn allowance(&self, a: u8, b: u8) -> u128 {
        self.allowances.get(&(a, b)).copied().unwrap_or(0)
    }
    fn move_tokens(&mut self, from: u8, to: u8, v: u128) -> Result<(), PSP22Error> {
        if self.balance(from) < v {
            return Err(PSP22Error::InsufficientBalance);
        }
        *self.balances.entry(from).or_default() -= v;
        *self.balances.entry(to).or_default() += v;
        Ok(())
    }
    fn apply(&mut self, op: &Op) -> Result<(), PSP22Error> {
        match *op {
            Op::Transfer(a, b, v) => {
                if a == b || v == 0 {
                    return Ok(());
                }
                self.move_tokens(a, b, v)
            }
            Op::TransferFrom(c, a, b, v) => {
                if a == b || v == 0 {
                    return Ok(());
                }
                if c == a {
                    return self.move_tokens(a, b, v);
                }
                if self.allowance(a, c) < v {
                    return Err(PSP22Error::InsufficientAllowance);
                }
                self.move_tokens(a, b, v)?;
                *self.allowances.entry((a, c)).or_default() -= v;
                Ok(())
            }
            Op::Approve(a, b, v) => {
                if a != b {
                    self.allowances.insert((a, b), v);
                }
                Ok(())
            }
            Op::Increase(a, b, v) => {
                if a != b {
                    let now = self.allowance(a, b).saturating_add(v);
                    self.allowances.insert((a, b), now);
                }
                Ok(())
            }
            Op::Decrease(a, b, v) => {
                if a == b || v == 0 {
                    return Ok(());
                }
                if self.allowance(a, b) < v {
                    return Err(PSP22Error::InsufficientAllowance);
                }
                *self.allowances.entry((a, b)).or_default() -= v;
                Ok(())
            }
            Op::Mint(a, v) => {
                let Some(supply) = self.supply.checked_add(v) else {
                    return Err(PSP22Error::Custom(PSP22Error::CAP_EXCEEDED.into()));
                };
                self.supply = supply;
                *self.balances.entry(a).or_default() += v;
                Ok(())
            }
            Op::Burn(a, v) => {
                if self.balance(a) < v {
                    return Err(PSP22Error::InsufficientBalance);
                }
                self.supply -= v;
                *self.balances.entry(a).or_default() -= v;
                Ok(())
            }
        }
    }
}

fn apply(ledger: &mut PSP22Data, op: &Op) -> Result<(), PSP22Error> {
    let a = account;
    match *op {
        Op::Transfer(x, y, v) => ledger.transfer(a(x), a(y), v),
        Op::TransferFrom(c, x, y, v) => ledger.transfer_from(a(c), a(x), a(y), v),
        Op::Approve(x, y, v) => ledger.approve(a(x), a(y), v),
        Op::Increase(x, y, v) => ledger.increase_allowance(a(x), a(y), v),
        Op::Decrease(x, y, v) => ledger.decrease_allowance(a(x), a(y), v),
        Op::Mint(x, v) => ledger.mint(a(x), v, u128::MAX),
        Op::Burn(x, v) => ledger.burn(a(x), v),
    }
    .map(|_events| ())
}

proptest! {
    #[test]
    fn ledger_matches_model_and_balances_sum_to_supply(ops in prop::collection::vec(op(), 1..60)) {
        // A fresh off-chain storage for every sequence.
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            let mut ledger = PSP22Data::default();
            let mut model = Model::default();
            for op in &ops {
                let expected = model.apply(op);
                let got = apply(&mut ledger, op);
                assert_eq!(got, expected, "outcome of {op:?}");
                let mut sum = 0u128;
                for x in 0..ACCOUNTS {
                    assert_eq!(ledger.balance_of(account(x)), model.balance(x));
                    sum = sum.checked_add(ledger.balance_of(account(x))).expect("sum fits");
                    for y in 0..ACCOUNTS {
                        assert_eq!(ledger.allowance(account(x), account(y)), model.allowance(x, y));
                    }
                }
                assert_eq!(sum, ledger.total_supply(), "balances sum to supply");
                assert_eq!(ledger.total_supply(), model.supply);
            }
            Ok(())
        })
        .expect("off-chain environment");
    }
}
