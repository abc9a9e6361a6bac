//! Fixtures for the package `packages/contracts` (`@creator-suite/contracts`): real calls on
//! the compiled Wasm, recorded as the bytes a dApp sees.
//!
//! A creator's suite is created through the factory; then a fan transfers and approves the
//! token, buys NFTs from a drop and transfers one, stakes and claims rewards, unstakes, claims
//! mined tokens, and buys and sells on the market. For every call the test records its input
//! (selector + SCALE arguments) and raw output, and for every event it emitted the topics, the
//! data and the fields as the Rust types decode them. The package's tests
//! (`packages/contracts/test/recorded.test.ts`) decode the same bytes with dedot's typed
//! codecs from the package's metadata, check they see the same values, and re-encode them
//! byte for byte.
//!
//! `WRITE_CLIENT_FIXTURES=1 cargo test -p e2e-tests --test e2e event_fixtures::` rewrites
//! `packages/contracts/test/fixtures/events.json`. Without it the test checks the committed file
//! still matches what the contracts emit now, so a change of any event's or output's bytes is
//! noticed. Contract addresses depend on the code hashes, so they are compared by role (token,
//! collection, ...), and topics other than the signature topic (derived from fields that are
//! also in the data) by count.

use std::path::PathBuf;

use creator_factory::Suite;
use creator_nft::DropConfig;
use e2e_tests::{
    account,
    actors::{creator, fan, other_fan, platform},
    economy::{self, Bundles},
    fixtures::SuiteContracts,
    hex, ink_id,
    sweep::Rest,
    AccountId32, Chain, Contract, ContractEvent, Receipt,
};
use ink::{
    primitives::AccountId,
    scale::{Decode, Encode},
};
use reward_distributor::Asset;
use serde_json::{json, Map, Value};

const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals
const NATIVE: u128 = 10_000_000_000; // one unit of the chain's currency
const DAY: u64 = 86_400_000;
const START: u64 = 1_767_225_600_000; // 2026-01-01

fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex(bytes))
}

fn acc(account: &AccountId) -> Value {
    json!(hex0x(AsRef::<[u8]>::as_ref(account)))
}

fn opt_acc(account: &Option<AccountId>) -> Value {
    account.as_ref().map_or(Value::Null, acc)
}

fn num(n: impl ToString) -> Value {
    json!(n.to_string())
}

fn id(id: &psp::Id) -> Value {
    match id {
        psp::Id::U8(n) => json!({ "U8": num(n) }),
        psp::Id::U16(n) => json!({ "U16": num(n) }),
        psp::Id::U32(n) => json!({ "U32": num(n) }),
        psp::Id::U64(n) => json!({ "U64": num(n) }),
        psp::Id::U128(n) => json!({ "U128": num(n) }),
        psp::Id::Bytes(bytes) => json!({ "Bytes": hex0x(bytes) }),
    }
}

fn asset(asset: &Asset) -> Value {
    match asset {
        Asset::Native => json!("Native"),
        Asset::Token(token) => json!({ "Token": acc(token) }),
    }
}

fn suite_json(suite: &Suite) -> Value {
    json!({
        "token": acc(&suite.token),
        "collection": acc(&suite.collection),
        "distributor": acc(&suite.distributor),
        "pool": acc(&suite.pool),
        "vesting": acc(&suite.vesting),
        "market": acc(&suite.market),
        "pow": acc(&suite.pow),
        "creations": acc(&suite.creations),
        "mode": format!("{:?}", suite.mode),
    })
}

fn split(split: &creator_market::fees::Split) -> Value {
    json!({
        "creator": num(split.creator), "stakers": num(split.stakers),
        "referrer": num(split.referrer), "platform": num(split.platform)
    })
}

/// The event's name and fields (metadata labels; integers as decimal strings, accounts as
/// hex, enums as `"Variant"` or `{"Variant": value}`), decoded with the contract's own types.
fn describe(contract: &str, event: &ContractEvent) -> (&'static str, Value) {
    macro_rules! try_event {
        ($ty:ty, $name:literal, |$e:ident| $fields:expr) => {
            if let Some($e) = event.decode::<$ty>() {
                return ($name, $fields);
            }
        };
    }
    match contract {
        "creator_token" => {
            try_event!(psp::psp22::Transfer, "Transfer", |e| json!({
                "from": opt_acc(&e.from), "to": opt_acc(&e.to), "value": num(e.value)
            }));
            try_event!(psp::psp22::Approval, "Approval", |e| json!({
                "owner": acc(&e.owner), "spender": acc(&e.spender), "amount": num(e.amount)
            }));
        }
        "creator_nft" => {
            try_event!(psp::psp34::Transfer, "Transfer", |e| json!({
                "from": opt_acc(&e.from), "to": opt_acc(&e.to), "id": id(&e.id)
            }));
            try_event!(creator_nft::Purchased, "Purchased", |e| json!({
                "buyer": acc(&e.buyer), "drop_id": num(e.drop_id), "quantity": num(e.quantity),
                "first_id": num(e.first_id), "treasury_amount": num(e.treasury_amount),
                "distributor_amount": num(e.distributor_amount)
            }));
            try_event!(psp::psp34::AttributeSet, "AttributeSet", |e| json!({
                "id": id(&e.id), "key": hex0x(&e.key), "data": hex0x(&e.data)
            }));
            try_event!(creator_nft::CreationMinted, "CreationMinted", |e| json!({
                "creator": acc(&e.creator), "content_hash": hex0x(&e.content_hash), "uri": e.uri
            }));
            try_event!(creator_nft::DropConfigured, "DropConfigured", |e| json!({
                "drop_id": num(e.drop_id),
                "config": {
                    "payment_token": acc(&e.config.payment_token), "price": num(e.config.price),
                    "start": num(e.config.start), "end": num(e.config.end),
                    "max_supply": num(e.config.max_supply),
                    "max_per_account": num(e.config.max_per_account),
                    "max_per_call": num(e.config.max_per_call),
                    "allowlist_root": e.config.allowlist_root.map(|root| hex0x(&root)),
                }
            }));
        }
        "creation_mining" => {
            try_event!(creation_mining::Submitted, "Submitted", |e| json!({
                "id": num(e.id), "creator": acc(&e.creator),
                "content_hash": hex0x(&e.content_hash), "uri": e.uri
            }));
            try_event!(creation_mining::Accepted, "Accepted", |e| json!({
                "id": num(e.id), "creator": acc(&e.creator), "item": id(&e.item),
                "points": num(e.points), "curator": opt_acc(&e.curator)
            }));
        }
        "reward_distributor" => {
            try_event!(reward_distributor::Staked, "Staked", |e| json!({
                "account": acc(&e.account), "amount": num(e.amount)
            }));
            try_event!(reward_distributor::Unstaked, "Unstaked", |e| json!({
                "account": acc(&e.account), "amount": num(e.amount), "unlock_at": num(e.unlock_at)
            }));
            try_event!(
                reward_distributor::RewardDeposited,
                "RewardDeposited",
                |e| json!({
                    "asset": asset(&e.asset), "amount": num(e.amount), "finish": num(e.finish)
                })
            );
            try_event!(
                reward_distributor::RewardClaimed,
                "RewardClaimed",
                |e| json!({
                    "account": acc(&e.account), "asset": asset(&e.asset), "amount": num(e.amount)
                })
            );
        }
        "mining_pool" => {
            try_event!(mining_pool::Attested, "Attested", |e| json!({
                "id": num(e.id), "project": num(e.project), "attester": acc(&e.attester),
                "contributor": acc(&e.contributor), "epoch": num(e.epoch),
                "points": num(e.points), "reference": hex0x(&e.reference)
            }));
            try_event!(
                mining_pool::ProjectRegistered,
                "ProjectRegistered",
                |e| json!({
                    "id": num(e.id), "lead": acc(&e.lead), "budget": num(e.budget), "uri": e.uri
                })
            );
            try_event!(mining_pool::Claimed, "Claimed", |e| json!({
                "account": acc(&e.account), "epoch": num(e.epoch), "amount": num(e.amount)
            }));
            try_event!(psp::access::RoleGranted, "RoleGranted", |e| json!({
                "role": num(e.role), "grantee": opt_acc(&e.grantee), "grantor": opt_acc(&e.grantor)
            }));
        }
        "creator_market" => {
            try_event!(creator_market::Bought, "Bought", |e| json!({
                "buyer": acc(&e.buyer), "referrer": opt_acc(&e.referrer), "tokens": num(e.tokens),
                "cost": num(e.cost), "fee": split(&e.fee), "refund": num(e.refund),
                "reserve": num(e.reserve), "supply": num(e.supply),
                "exit_price": num(e.exit_price)
            }));
            try_event!(creator_market::Sold, "Sold", |e| json!({
                "seller": acc(&e.seller), "referrer": opt_acc(&e.referrer), "tokens": num(e.tokens),
                "gross": num(e.gross), "fee": split(&e.fee), "payout": num(e.payout),
                "reserve": num(e.reserve), "supply": num(e.supply),
                "exit_price": num(e.exit_price)
            }));
        }
        "creator_factory" => {
            try_event!(
                creator_factory::CreatorRegistered,
                "CreatorRegistered",
                |e| json!({
                    "creator": acc(&e.creator), "nonce": num(e.nonce), "suite": suite_json(&e.suite)
                })
            );
        }
        _ => {}
    }
    panic!(
        "{contract}: an event this test does not know (topic 0x{}); add it to describe()",
        event
            .topics
            .first()
            .map(|t| hex(t.as_bytes()))
            .unwrap_or_default()
    );
}

/// The suite in the sandbox plus what was recorded so far.
struct Recorder {
    chain: Chain,
    /// The factory and the suite's contracts: every contract a call or an event comes from.
    contracts: Vec<Contract>,
    events: Vec<Value>,
    calls: Vec<Value>,
}

impl Recorder {
    /// The contract at `address` (its bundle's name is the crate name the fixtures record).
    fn contract(&self, address: &AccountId32) -> &Contract {
        self.contracts
            .iter()
            .find(|contract| contract.address == *address)
            .unwrap_or_else(|| panic!("unknown contract {address:?}"))
    }

    /// `caller` calls `message` on `contract` with `args` (encoded) sending `value`. Records
    /// the call (`args_json` is how a Polkadot.js client passes the same arguments, `decoded`
    /// the answer in the fixtures' plain form) and its events; returns the raw output after
    /// ink!'s `LangError` tag.
    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        name: &str,
        caller: &AccountId32,
        contract: &Contract,
        message: &str,
        args: impl Encode,
        args_json: Value,
        value: u128,
        decoded: impl FnOnce(&[u8]) -> Value,
    ) -> Vec<u8> {
        let input = contract.bundle.input(message, args);
        let (answer, receipt): (_, Receipt) =
            self.chain
                .call_raw::<Rest>(&contract.address, input.clone(), caller, value);
        let output = answer
            .unwrap_or_else(|failure| panic!("{name}: {failure:?}"))
            .0;
        let mut full = vec![0u8]; // Ok of Result<_, LangError>
        full.extend_from_slice(&output);
        self.calls.push(json!({
            "name": name,
            "contract": contract.bundle.name,
            "address": hex0x(contract.address.as_ref()),
            "caller": hex0x(caller.as_ref()),
            "message": message,
            "args": args_json,
            "value": num(value),
            "input": hex0x(&input),
            "output": hex0x(&full),
            "reverted": receipt.reverted,
            "decoded": decoded(&output),
        }));
        self.record_events(name, &receipt);
        output
    }

    fn record_events(&mut self, call: &str, receipt: &Receipt) {
        for event in &receipt.events {
            let contract = &self.contract(&event.contract).bundle.name;
            let (name, fields) = describe(contract, event);
            self.events.push(json!({
                "call": call,
                "contract": contract,
                "address": hex0x(event.contract.as_ref()),
                "event": name,
                "topics": event.topics.iter().map(|t| hex0x(t.as_bytes())).collect::<Vec<_>>(),
                "data": hex0x(&event.data),
                "fields": fields,
            }));
        }
    }
}

fn decode<T: Decode>(output: &[u8]) -> T {
    T::decode(&mut &output[..]).expect("output decodes as the message's type")
}

/// `Ok(())` / `Err(E)` of a message returning `Result<(), E>`, with `err` naming the error.
fn unit_result<E: Decode + std::fmt::Debug>(output: &[u8], err: impl Fn(&E) -> Value) -> Value {
    match decode::<Result<(), E>>(output) {
        Ok(()) => json!({ "Ok": null }),
        Err(error) => json!({ "Err": err(&error) }),
    }
}

fn psp22_error(error: &psp::PSP22Error) -> Value {
    match error {
        psp::PSP22Error::Custom(reason) => json!({ "Custom": reason }),
        psp::PSP22Error::InsufficientBalance => json!("InsufficientBalance"),
        psp::PSP22Error::InsufficientAllowance => json!("InsufficientAllowance"),
        other => panic!("unexpected {other:?}"),
    }
}

fn market_error(error: &creator_market::MarketError) -> Value {
    json!(format!("{error:?}"))
}

fn fixtures_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../packages/contracts/test/fixtures/events.json")
}

fn record() -> Value {
    let bundles = Bundles::load().expect("bundles (run scripts/build)");
    let mut chain = Chain::new();
    chain.set_time(START);
    // The cast's first four accounts, and account 6 as dave (the names are recorded).
    let (platform, creator, alice, bob, dave) =
        (platform(), creator(), fan(), other_fan(), account(6));
    let factory = economy::deploy_factory(&mut chain, &bundles, &platform, 42).expect("factory");
    let (suite, receipt) = economy::create_suite(
        &mut chain,
        &bundles,
        &factory,
        &creator,
        // A custom launch, so the creator can mint (the recorded `mint to alice`).
        economy::custom_params("MIRA"),
    );
    let suite = suite.expect("suite");
    let factory = Contract::at(&bundles.factory, &factory);
    let handles = SuiteContracts::of(&bundles, &suite);
    let mut r = Recorder {
        chain,
        contracts: vec![
            factory.clone(),
            handles.token.clone(),
            handles.collection.clone(),
            handles.distributor.clone(),
            handles.pool.clone(),
            handles.market.clone(),
            handles.vesting.clone(),
            handles.creations.clone(),
        ],
        events: Vec::new(),
        calls: Vec::new(),
    };
    // Creating the suite emits many events (roles, ownership, the allocation's mint); the
    // registry's own event is the one a dApp indexes.
    let registered: Vec<ContractEvent> = receipt
        .events
        .iter()
        .filter(|event| event.contract == factory.address)
        .filter(|event| {
            event
                .decode::<creator_factory::CreatorRegistered>()
                .is_some()
        })
        .cloned()
        .collect();
    assert_eq!(registered.len(), 1);
    r.record_events(
        "create_creator",
        &Receipt {
            events: registered,
            ..receipt
        },
    );
    let s = suite;
    let SuiteContracts {
        token,
        collection,
        distributor,
        pool,
        market,
        creations,
        ..
    } = handles;
    let j = |a: &AccountId32| json!(hex0x(a.as_ref()));
    type Psp = psp::PSP22Error;
    type Market = creator_market::MarketError;
    type Dist = reward_distributor::DistributorError;
    type Pool = mining_pool::PoolError;
    type Desk = creation_mining::CreationError;

    // The registry.
    let expected_suite = suite_json(&s);
    r.call(
        "suite_of",
        &alice,
        &factory,
        "suite_of",
        ink_id(&creator),
        json!([j(&creator)]),
        0,
        |out| {
            let suite: Option<Suite> = decode(out);
            suite.as_ref().map_or(Value::Null, suite_json)
        },
    );
    assert_eq!(r.calls[0]["decoded"], expected_suite);
    r.call(
        "creator_count",
        &alice,
        &factory,
        "creator_count",
        (),
        json!([]),
        0,
        |out| num(decode::<u32>(out)),
    );

    // The token: metadata, mint, transfer, a refused transfer, approve.
    for message in ["PSP22Metadata::token_name", "PSP22Metadata::token_symbol"] {
        r.call(message, &alice, &token, message, (), json!([]), 0, |out| {
            json!(decode::<Option<String>>(out))
        });
    }
    r.call(
        "PSP22Metadata::token_decimals",
        &alice,
        &token,
        "PSP22Metadata::token_decimals",
        (),
        json!([]),
        0,
        |out| num(decode::<u8>(out)),
    );
    for message in ["PSP22::total_supply", "PSP22Capped::cap"] {
        r.call(message, &alice, &token, message, (), json!([]), 0, |out| {
            num(decode::<u128>(out))
        });
    }
    r.call(
        "mint to alice",
        &creator,
        &token,
        "PSP22Mintable::mint",
        (ink_id(&alice), 10_000 * ONE),
        json!([j(&alice), num(10_000 * ONE)]),
        0,
        |out| unit_result::<Psp>(out, psp22_error),
    );
    r.call(
        "transfer",
        &alice,
        &token,
        "PSP22::transfer",
        (ink_id(&bob), 250 * ONE, vec![0xcau8, 0xfe]),
        json!([j(&bob), num(250 * ONE), "0xcafe"]),
        0,
        |out| unit_result::<Psp>(out, psp22_error),
    );
    r.call(
        "transfer refused",
        &bob,
        &token,
        "PSP22::transfer",
        (ink_id(&alice), 1_000 * ONE, Vec::<u8>::new()),
        json!([j(&alice), num(1_000 * ONE), "0x"]),
        0,
        |out| unit_result::<Psp>(out, psp22_error),
    );
    r.call(
        "balance_of",
        &bob,
        &token,
        "PSP22::balance_of",
        ink_id(&bob),
        json!([j(&bob)]),
        0,
        |out| num(decode::<u128>(out)),
    );
    r.call(
        "allowance collection",
        &alice,
        &token,
        "PSP22::allowance",
        (ink_id(&alice), s.collection),
        json!([j(&alice), acc(&s.collection)]),
        0,
        |out| num(decode::<u128>(out)),
    );
    r.call(
        "approve collection",
        &alice,
        &token,
        "PSP22::approve",
        (s.collection, 150 * ONE),
        json!([acc(&s.collection), num(150 * ONE)]),
        0,
        |out| unit_result::<Psp>(out, psp22_error),
    );

    // An NFT drop: configure, buy 3 (approve above), transfer one.
    let drop = DropConfig {
        payment_token: s.token,
        price: 50 * ONE,
        start: START,
        end: START + 7 * DAY,
        max_supply: 100,
        max_per_account: 5,
        max_per_call: 5,
        allowlist_root: None,
    };
    r.call(
        "configure_drop",
        &creator,
        &collection,
        "configure_drop",
        drop,
        json!([{
            "payment_token": acc(&s.token), "price": num(50 * ONE), "start": num(START),
            "end": num(START + 7 * DAY), "max_supply": "100", "max_per_account": "5",
            "max_per_call": "5", "allowlist_root": null
        }]),
        0,
        |out| match decode::<Result<u32, creator_nft::CollectionError>>(out) {
            Ok(drop_id) => json!({ "Ok": num(drop_id) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    r.call(
        "drop_info",
        &alice,
        &collection,
        "drop_info",
        (),
        json!([]),
        0,
        |out| match decode::<Option<creator_nft::Drop>>(out) {
            None => Value::Null,
            Some(drop) => json!({
                "id": num(drop.id),
                "config": {
                    "payment_token": acc(&drop.config.payment_token),
                    "price": num(drop.config.price), "start": num(drop.config.start),
                    "end": num(drop.config.end), "max_supply": num(drop.config.max_supply),
                    "max_per_account": num(drop.config.max_per_account),
                    "max_per_call": num(drop.config.max_per_call),
                    "allowlist_root": drop.config.allowlist_root.map(|root| hex0x(&root)),
                },
                "sold": num(drop.sold),
            }),
        },
    );
    r.call(
        "nft buy",
        &alice,
        &collection,
        "buy",
        (0u32, 3u32, 150 * ONE, 0u32, Vec::<[u8; 32]>::new()),
        json!(["0", "3", num(150 * ONE), "0", []]),
        0,
        |out| match decode::<Result<Vec<psp::Id>, creator_nft::CollectionError>>(out) {
            Ok(ids) => json!({ "Ok": ids.iter().map(id).collect::<Vec<_>>() }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    r.call(
        "nft transfer",
        &alice,
        &collection,
        "PSP34::transfer",
        (ink_id(&bob), psp::Id::U64(2), Vec::<u8>::new()),
        json!([j(&bob), { "U64": "2" }, "0x"]),
        0,
        |out| match decode::<Result<(), psp::PSP34Error>>(out) {
            Ok(()) => json!({ "Ok": null }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );

    // The distributor: approve, stake, a native deposit, claim a week later, unstake.
    r.call(
        "staking_token",
        &alice,
        &distributor,
        "staking_token",
        (),
        json!([]),
        0,
        |out| acc(&decode::<AccountId>(out)),
    );
    r.call(
        "allowance distributor",
        &alice,
        &token,
        "PSP22::allowance",
        (ink_id(&alice), s.distributor),
        json!([j(&alice), acc(&s.distributor)]),
        0,
        |out| num(decode::<u128>(out)),
    );
    r.call(
        "approve distributor",
        &alice,
        &token,
        "PSP22::approve",
        (s.distributor, 1_000 * ONE),
        json!([acc(&s.distributor), num(1_000 * ONE)]),
        0,
        |out| unit_result::<Psp>(out, psp22_error),
    );
    let dist_result = |out: &[u8]| unit_result::<Dist>(out, |e| json!(format!("{e:?}")));
    r.call(
        "stake",
        &alice,
        &distributor,
        "stake",
        1_000 * ONE,
        json!([num(1_000 * ONE)]),
        0,
        dist_result,
    );
    r.call(
        "deposit_native",
        &creator,
        &distributor,
        "deposit_native",
        80 * NATIVE,
        json!([num(80 * NATIVE)]),
        80 * NATIVE,
        dist_result,
    );
    r.chain.set_time(START + 8 * DAY);
    r.call(
        "pending",
        &alice,
        &distributor,
        "pending",
        (ink_id(&alice), Asset::Native),
        json!([j(&alice), "Native"]),
        0,
        |out| num(decode::<u128>(out)),
    );
    r.call(
        "claim native",
        &alice,
        &distributor,
        "claim",
        Asset::Native,
        json!(["Native"]),
        0,
        |out| match decode::<Result<u128, Dist>>(out) {
            Ok(amount) => json!({ "Ok": num(amount) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    r.call(
        "unstake",
        &alice,
        &distributor,
        "unstake",
        400 * ONE,
        json!([num(400 * ONE)]),
        0,
        dist_result,
    );

    // Contribution mining: attest in epoch 1, claim after its dispute window.
    r.call(
        "register project",
        &creator,
        &pool,
        "register_project",
        (String::from("ipfs://docs"), ink_id(&creator), 1_000u128),
        json!(["ipfs://docs", j(&creator), "1000"]),
        0,
        |out| match decode::<Result<u32, Pool>>(out) {
            Ok(id) => json!({ "Ok": num(id) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    r.call(
        "attest",
        &creator,
        &pool,
        "attest",
        (1u32, ink_id(&dave), 30u128, [0xa1u8; 32]),
        json!(["1", j(&dave), "30", hex0x(&[0xa1; 32])]),
        0,
        |out| match decode::<Result<u64, Pool>>(out) {
            Ok(id) => json!({ "Ok": num(id) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    // Creation mining: Dave's creation is accepted in the same epoch (100 points).
    r.call(
        "submit creation",
        &dave,
        &creations,
        "submit",
        ([0xc5u8; 32], String::from("ipfs://dave/art")),
        json!([hex0x(&[0xc5; 32]), "ipfs://dave/art"]),
        0,
        |out| match decode::<Result<u64, Desk>>(out) {
            Ok(id) => json!({ "Ok": num(id) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );
    r.call(
        "review creation",
        &creator,
        &creations,
        "review",
        (0u64, true),
        json!(["0", true]),
        0,
        |out| unit_result::<Desk>(out, |e| json!(format!("{e:?}"))),
    );
    r.chain.set_time(START + 16 * DAY);
    r.call(
        "claimable",
        &dave,
        &pool,
        "claimable",
        (ink_id(&dave), 1u32),
        json!([j(&dave), "1"]),
        0,
        |out| num(decode::<u128>(out)),
    );
    r.call(
        "pool claim",
        &dave,
        &pool,
        "claim",
        1u32,
        json!(["1"]),
        0,
        |out| match decode::<Result<u128, Pool>>(out) {
            Ok(amount) => json!({ "Ok": num(amount) }),
            Err(error) => json!({ "Err": format!("{error:?}") }),
        },
    );

    // The market: quote, buy with that quote as the slippage bound, a refused buy, sell.
    let deadline = START + 30 * DAY;
    let buy_quote = |out: &[u8]| match decode::<Result<creator_market::curve::BuyQuote, Market>>(
        out,
    ) {
        Ok(q) => json!({ "Ok": {
            "tokens": num(q.tokens), "cost": num(q.cost), "fee": num(q.fee), "refund": num(q.refund)
        }}),
        Err(error) => json!({ "Err": market_error(&error) }),
    };
    let sell_quote =
        |out: &[u8]| match decode::<Result<creator_market::curve::SellQuote, Market>>(out) {
            Ok(q) => json!({ "Ok": {
                "gross": num(q.gross), "fee": num(q.fee), "payout": num(q.payout)
            }}),
            Err(error) => json!({ "Err": market_error(&error) }),
        };
    let quote = r.call(
        "quote_buy",
        &dave,
        &market,
        "quote_buy",
        50 * NATIVE,
        json!([num(50 * NATIVE)]),
        0,
        buy_quote,
    );
    let quote: creator_market::curve::BuyQuote =
        decode::<Result<_, Market>>(&quote).expect("quote");
    r.call(
        "market buy refused",
        &dave,
        &market,
        "buy",
        (quote.tokens + 1, deadline, None::<AccountId>),
        json!([num(quote.tokens + 1), num(deadline), null]),
        50 * NATIVE,
        buy_quote,
    );
    r.call(
        "market buy",
        &dave,
        &market,
        "buy",
        (quote.tokens, deadline, Some(ink_id(&bob))),
        json!([num(quote.tokens), num(deadline), j(&bob)]),
        50 * NATIVE,
        buy_quote,
    );
    let half = quote.tokens / 2;
    r.call(
        "quote_sell",
        &dave,
        &market,
        "quote_sell",
        half,
        json!([num(half)]),
        0,
        sell_quote,
    );
    r.call(
        "market sell",
        &dave,
        &market,
        "sell",
        (half, 0u128, deadline, None::<AccountId>),
        json!([num(half), "0", num(deadline), null]),
        0,
        sell_quote,
    );

    let accounts: Map<String, Value> = [
        ("platform", &platform),
        ("creator", &creator),
        ("alice", &alice),
        ("bob", &bob),
        ("dave", &dave),
    ]
    .into_iter()
    .map(|(name, a)| (name.to_string(), j(a)))
    .collect();
    let mut contracts = suite_json(&s);
    contracts["factory"] = j(&factory.address);
    json!({
        "note": "Generated by e2e-tests/tests/event_fixtures.rs from the compiled contracts \
                 (WRITE_CLIENT_FIXTURES=1 cargo test -p e2e-tests --test e2e event_fixtures::); \
                 read by packages/contracts/test. Integers are decimal strings, accounts hex.",
        "accounts": accounts,
        "contracts": contracts,
        "calls": r.calls,
        "events": r.events,
        "voucher": voucher_fixture(),
    })
}

/// A voucher the voucher CLI's signer (`e2e_tests::contribution::LeadKey`) signs with
/// `//Alice`, at a fixed pool address: the client checks that Polkadot.js's `ecdsa` keypair
/// of `//Alice` derives the same account and makes the same signature over the same bytes, and
/// encodes `submit_voucher`'s arguments as the contract decodes them.
fn voucher_fixture() -> Value {
    let key = e2e_tests::contribution::LeadKey::from_suri("//Alice").expect("dev key");
    let pool = AccountId::from([0xBB; 32]);
    let voucher = mining_pool::Voucher {
        project: 1,
        contributor: AccountId::from([3; 32]),
        epoch: 7,
        points: 25,
        reference: [9; 32],
        nonce: 1,
        deadline: 1_767_225_600_000,
    };
    let signature = key.sign(42, pool, &voucher);
    json!({
        "suri": "//Alice",
        "domain": 42,
        "pool": hex0x(pool.as_ref()),
        "voucher": {
            "project": voucher.project, "contributor": hex0x(voucher.contributor.as_ref()),
            "epoch": voucher.epoch, "points": num(voucher.points),
            "reference": hex0x(&voucher.reference), "nonce": num(voucher.nonce),
            "deadline": num(voucher.deadline)
        },
        "signed_bytes": hex0x(&e2e_tests::contribution::signed_bytes(42, pool, &voucher)),
        "digest": hex0x(&mining_pool::voucher::digest(42, pool, &voucher)),
        "signer": hex0x(key.account().as_ref()),
        "public_key": hex0x(&key.public()),
        "signature": hex0x(&signature),
        "args": hex0x(&(voucher, signature).encode()),
    })
}

/// `fixtures` with contract addresses replaced by their role and topics after the signature
/// topic replaced by their count (addresses depend on the code hashes; the other topics are
/// derived from fields that the data holds too).
fn normalized(fixtures: &Value) -> Value {
    let mut fixtures = fixtures.clone();
    if let Some(events) = fixtures["events"].as_array_mut() {
        for event in events {
            let topics = event["topics"].as_array().cloned().unwrap_or_default();
            event["topics"] = json!([topics.first().cloned(), topics.len()]);
        }
    }
    let mut text = fixtures.to_string();
    if let Some(contracts) = fixtures["contracts"].as_object() {
        for (role, address) in contracts {
            let address = address
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("0x");
            if !address.is_empty() {
                text = text.replace(address, &format!("<{role}>"));
            }
        }
    }
    serde_json::from_str(&text).expect("normalized json")
}

#[test]
fn client_fixtures_match_the_contracts() {
    let fixtures = record();
    let path = fixtures_path();
    if std::env::var("WRITE_CLIENT_FIXTURES").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("fixtures dir");
        let text = serde_json::to_string_pretty(&fixtures).expect("json") + "\n";
        std::fs::write(&path, text).expect("write fixtures");
        println!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run WRITE_CLIENT_FIXTURES=1 cargo test -p e2e-tests --test e2e event_fixtures::",
            path.display()
        )
    });
    let committed: Value = serde_json::from_str(&committed).expect("fixtures json");
    let (now, then) = (normalized(&fixtures), normalized(&committed));
    for kind in ["calls", "events"] {
        let (now, then) = (
            now[kind].as_array().cloned().unwrap_or_default(),
            then[kind].as_array().cloned().unwrap_or_default(),
        );
        for (n, (a, b)) in now.iter().zip(then.iter()).enumerate() {
            assert_eq!(
                a,
                b,
                "{kind}[{n}] differs from the committed client fixtures; if the change is \
                 intended, rerun with WRITE_CLIENT_FIXTURES=1 and commit {}",
                path.display()
            );
        }
        assert_eq!(now.len(), then.len(), "number of {kind} differs");
    }
    assert_eq!(now, then);
}
