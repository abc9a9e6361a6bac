//! Property test of the enumerable PSP34 ledger against a plain model: random mints, transfers,
//! approvals and burns; after every step ownership, balances, both enumerations and approvals
//! match the model exactly (enumeration order aside). Case count: `PROPTEST_CASES` (default 256).

use std::collections::{BTreeMap, BTreeSet};

use ink::primitives::AccountId;
use proptest::prelude::*;
use psp::{Id, PSP34Data, PSP34Error};

const ACCOUNTS: u8 = 4;
const IDS: u8 = 8;

fn account(index: u8) -> AccountId {
    AccountId::from([index; 32])
}

#[derive(Debug, Clone)]
enum Op {
    Mint(u8, u8),
    Transfer(u8, u8, u8),
    Burn(u8, u8, u8),
    ApproveOne(u8, u8, u8, bool),
    ApproveAll(u8, u8, bool),
}

fn op() -> impl Strategy<Value = Op> {
    let who = || 0..ACCOUNTS;
    let id = || 0..IDS;
    prop_oneof![
        (who(), id()).prop_map(|(a, i)| Op::Mint(a, i)),
        (who(), who(), id()).prop_map(|(c, t, i)| Op::Transfer(c, t, i)),
        (who(), who(), id()).prop_map(|(c, f, i)| Op::Burn(c, f, i)),
        (who(), who(), id(), any::<bool>()).prop_map(|(c, o, i, b)| Op::ApproveOne(c, o, i, b)),
        (who(), who(), any::<bool>()).prop_map(|(c, o, b)| Op::ApproveAll(c, o, b)),
    ]
}

#[derive(Default)]
struct Model {
    owners: BTreeMap<u8, u8>,
    token_approval: BTreeMap<u8, u8>,
    operators: BTreeSet<(u8, u8)>,
}

impl Model {
    fn may_move(&self, caller: u8, owner: u8, id: u8) -> bool {
        caller == owner
            || self.operators.contains(&(owner, caller))
            || self.token_approval.get(&id) == Some(&caller)
    }

    fn apply(&mut self, op: &Op) -> Result<(), PSP34Error> {
        match *op {
            Op::Mint(to, id) => {
                if self.owners.contains_key(&id) {
                    return Err(PSP34Error::TokenExists);
                }
                self.owners.insert(id, to);
            }
            Op::Transfer(caller, to, id) => {
                let owner = *self.owners.get(&id).ok_or(PSP34Error::TokenNotExists)?;
                if !self.may_move(caller, owner, id) {
                    return Err(PSP34Error::NotApproved);
                }
                if to != owner {
                    self.token_approval.remove(&id);
                    self.owners.insert(id, to);
                }
            }
            Op::Burn(caller, from, id) => {
                let owner = *self.owners.get(&id).ok_or(PSP34Error::TokenNotExists)?;
                if owner != from {
                    return Err(PSP34Error::TokenNotExists);
                }
                if !self.may_move(caller, owner, id) {
                    return Err(PSP34Error::NotApproved);
                }
                self.token_approval.remove(&id);
                self.owners.remove(&id);
            }
            Op::ApproveOne(caller, operator, id, approved) => {
                if caller == operator {
                    return Err(PSP34Error::SelfApprove);
                }
                let owner = *self.owners.get(&id).ok_or(PSP34Error::TokenNotExists)?;
                if owner != caller && !self.operators.contains(&(owner, caller)) {
                    return Err(PSP34Error::NotApproved);
                }
                if approved {
                    self.token_approval.insert(id, operator);
                } else if self.token_approval.get(&id) == Some(&operator) {
                    self.token_approval.remove(&id);
                }
            }
            Op::ApproveAll(caller, operator, approved) => {
                if caller == operator {
                    return Err(PSP34Error::SelfApprove);
                }
                if approved {
                    self.operators.insert((caller, operator));
                } else {
                    self.operators.remove(&(caller, operator));
                }
            }
        }
        Ok(())
    }
}

fn apply(ledger: &mut PSP34Data, op: &Op) -> Result<(), PSP34Error> {
    let a = account;
    let id = |i: u8| Id::U8(i);
    match *op {
        Op::Mint(to, i) => ledger.mint(a(to), id(i)),
        Op::Transfer(c, to, i) => ledger.transfer(a(c), a(to), id(i)),
        Op::Burn(c, from, i) => ledger.burn(a(c), a(from), id(i)),
        Op::ApproveOne(c, o, i, b) => ledger.approve(a(c), a(o), Some(id(i)), b),
        Op::ApproveAll(c, o, b) => ledger.approve(a(c), a(o), None, b),
    }
    .map(|_events| ())
}

fn check(ledger: &PSP34Data, model: &Model) {
    assert_eq!(ledger.total_supply(), model.owners.len() as u128);
    let all: BTreeSet<Id> = (0..ledger.total_supply())
        .map(|i| ledger.token_by_index(i).expect("global index"))
        .collect();
    let expected: BTreeSet<Id> = model.owners.keys().map(|i| Id::U8(*i)).collect();
    assert_eq!(all, expected, "global enumeration");
    assert_eq!(
        ledger.token_by_index(ledger.total_supply()),
        Err(PSP34Error::TokenNotExists)
    );
    for who in 0..ACCOUNTS {
        let owned: BTreeSet<Id> = (0..ledger.balance_of(account(who)))
            .map(|i| {
                ledger
                    .owners_token_by_index(account(who), i.into())
                    .expect("owner index")
            })
            .collect();
        let expected: BTreeSet<Id> = model
            .owners
            .iter()
            .filter(|(_, owner)| **owner == who)
            .map(|(id, _)| Id::U8(*id))
            .collect();
        assert_eq!(owned, expected, "tokens of {who}");
    }
    for id in 0..IDS {
        let owner = model.owners.get(&id).map(|o| account(*o));
        assert_eq!(ledger.owner_of(&Id::U8(id)), owner);
        for who in 0..ACCOUNTS {
            if let Some(owner) = model.owners.get(&id) {
                let expected = model.operators.contains(&(*owner, who))
                    || model.token_approval.get(&id) == Some(&who);
                assert_eq!(
                    ledger.allowance(account(*owner), account(who), Some(&Id::U8(id))),
                    expected
                );
            }
        }
    }
}

proptest! {
    #[test]
    fn enumerable_ledger_matches_model(ops in prop::collection::vec(op(), 1..80)) {
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            let mut ledger = PSP34Data::default();
            let mut model = Model::default();
            for op in &ops {
                let expected = model.apply(op);
                assert_eq!(apply(&mut ledger, op), expected, "outcome of {op:?}");
                check(&ledger, &model);
            }
            Ok(())
        })
        .expect("off-chain environment");
    }
}
