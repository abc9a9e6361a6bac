//! The benchmark: what each call of the suite costs a fan, measured on the compiled Wasm in
//! one sandboxed pallet-contracts runtime, side by side with the reference PSP22 (the example
//! token of the crates.io crate `psp22` 2.0.0, built with the same toolchain).
//!
//! Prints a table (ref_time, proof_size, storage deposit; ours, the reference's, the ratio)
//! and writes the same as JSON. When the JSON file already exists, the previous run is kept
//! next to it as `<name>.prev.json` and the table shows each figure's change against it.
//! Run with `scripts/bench` (it builds the reference first).

use std::path::{Path, PathBuf};

use creator_nft::DropConfig;
use e2e_tests::{
    account,
    economy::{self, sandbox_id, Bundles},
    ink_id, AccountId32, BalanceAPI, Bundle, Chain, Receipt, ENDOWMENT,
};
use ink::{
    primitives::AccountId,
    scale::{Decode, Encode},
};
use psp::Id;
use reward_distributor::Asset;
use serde_json::{json, Value};

const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals
const NATIVE: u128 = 10_000_000_000;
const DAY: u64 = 86_400_000;
const START: u64 = 1_767_225_600_000; // 2026-01-01
/// The proof_size of each hot call of a fan before the code split (main at 8deeb10), which
/// the split is to halve.
const HOT_CALLS_BEFORE: [(&str, &str, u64); 7] = [
    ("token", "transfer (to a holder)", 35_440),
    ("collection", "buy(1) (two token transfers inside)", 164_654),
    ("distributor", "stake (first stake)", 163_034),
    ("distributor", "claim(Native), stakers: 1", 61_384),
    ("market", "buy (mint inside)", 103_553),
    ("market", "sell (burn inside)", 106_137),
    ("pool", "claim(epoch), contributors: 1", 83_532),
];
/// Participant counts for the claim-scaling rows.
const SCALES: [u32; 3] = [1, 100, 1_000];

/// What one call cost.
#[derive(Clone, Copy, Debug)]
struct Cost {
    ref_time: u64,
    proof_size: u64,
    storage_deposit: i128,
}

impl From<&Receipt> for Cost {
    fn from(receipt: &Receipt) -> Self {
        Self {
            ref_time: receipt.gas.ref_time(),
            proof_size: receipt.gas.proof_size(),
            storage_deposit: receipt.storage_deposit,
        }
    }
}

impl Cost {
    /// The cost of one of `n` items bought in one call.
    fn per_item(self, n: u64) -> Self {
        Self {
            ref_time: self.ref_time / n,
            proof_size: self.proof_size / n,
            storage_deposit: self.storage_deposit / i128::from(n),
        }
    }

    fn json(&self) -> Value {
        json!({
            "ref_time": self.ref_time,
            "proof_size": self.proof_size,
            "storage_deposit": self.storage_deposit.to_string(),
        })
    }
}

/// One line of the table.
struct Row {
    section: &'static str,
    name: String,
    ours: Cost,
    reference: Option<Cost>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn ours(&mut self, section: &'static str, name: impl Into<String>, receipt: &Receipt) {
        self.push(section, name, Cost::from(receipt), None);
    }

    fn push(
        &mut self,
        section: &'static str,
        name: impl Into<String>,
        ours: Cost,
        reference: Option<Cost>,
    ) {
        self.rows.push(Row {
            section,
            name: name.into(),
            ours,
            reference,
        });
    }

    fn find(&self, section: &str, name: &str) -> &Row {
        self.rows
            .iter()
            .find(|row| row.section == section && row.name == name)
            .unwrap_or_else(|| panic!("no row {section}/{name}"))
    }
}

fn ratio(ours: u64, reference: u64) -> f64 {
    ours as f64 / reference as f64
}

/// Calls that must succeed; the benchmark measures the happy path.
struct Bench {
    chain: Chain,
}

impl Bench {
    fn call<R: Decode>(
        &mut self,
        bundle: &Bundle,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> (R, Receipt) {
        let (answer, receipt) = self
            .chain
            .call::<R>(bundle, contract, message, args, caller, value);
        let answer = answer.unwrap_or_else(|failure| panic!("{message}: {failure:?}"));
        assert!(!receipt.reverted, "{}::{message} was refused", bundle.name);
        (answer, receipt)
    }

    /// A state-changing call whose answer is not needed.
    fn send(
        &mut self,
        bundle: &Bundle,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> Receipt {
        self.call::<()>(bundle, contract, caller, message, args, value)
            .1
    }
}

/// A seed-numbered participant with native balance for fees and deposits.
fn participant(bench: &mut Bench, n: u32) -> AccountId32 {
    let mut seed = [0xB0u8; 32];
    seed[..4].copy_from_slice(&n.to_le_bytes());
    let who = AccountId32::new(seed);
    bench
        .chain
        .sandbox
        .mint_into(&who, ENDOWMENT)
        .expect("endow participant");
    who
}

/// Creator token against the reference, from the same starting state.
fn tokens(table: &mut Table, bundles: &Bundles, reference: &Bundle) {
    let (holder, fan, spender) = (account(1), account(2), account(3));
    let mut bench = Bench {
        chain: Chain::new(),
    };
    let name = Some(String::from("Creator Coin"));
    let symbol = Some(String::from("CRTR"));
    let supply = 1_000_000 * ONE;

    let (ours, ours_deploy) = bench
        .chain
        .deploy(
            &bundles.token,
            "new",
            (
                name.clone(),
                symbol.clone(),
                18u8,
                1_000_000_000 * ONE,
                ink_id(&holder),
            ),
            &holder,
            vec![],
        )
        .expect("deploy the creator token");
    let ours_mint_new = bench.send(
        &bundles.token,
        &ours,
        &holder,
        "PSP22Mintable::mint",
        (ink_id(&holder), supply),
        0,
    );
    let (theirs, theirs_deploy) = bench
        .chain
        .deploy(
            reference,
            "new",
            (supply, name, symbol, 18u8),
            &holder,
            vec![],
        )
        .expect("deploy the reference token");
    table.push(
        "token",
        "deploy (constructor)",
        Cost::from(&ours_deploy),
        Some(Cost::from(&theirs_deploy)),
    );

    // The same sequence on both: each step from the same balances and allowances.
    let steps: [(&str, &str, &AccountId32, Vec<u8>); 7] = [
        // What every call pays before any work: the code and the storage root (a zero
        // transfer changes nothing and emits nothing).
        (
            "transfer of 0 (the code and the root only)",
            "PSP22::transfer",
            &holder,
            (ink_id(&fan), 0u128, Vec::<u8>::new()).encode(),
        ),
        (
            "transfer (to a new holder)",
            "PSP22::transfer",
            &holder,
            (ink_id(&fan), 1_000 * ONE, Vec::<u8>::new()).encode(),
        ),
        (
            "transfer (to a holder)",
            "PSP22::transfer",
            &holder,
            (ink_id(&fan), 1_000 * ONE, Vec::<u8>::new()).encode(),
        ),
        (
            "approve",
            "PSP22::approve",
            &holder,
            (ink_id(&spender), 10_000 * ONE).encode(),
        ),
        (
            "increase_allowance",
            "PSP22::increase_allowance",
            &holder,
            (ink_id(&spender), 10_000 * ONE).encode(),
        ),
        (
            "transfer_from (to a holder)",
            "PSP22::transfer_from",
            &spender,
            (ink_id(&holder), ink_id(&fan), 1_000 * ONE, Vec::<u8>::new()).encode(),
        ),
        (
            "decrease_allowance",
            "PSP22::decrease_allowance",
            &holder,
            (ink_id(&spender), 1_000 * ONE).encode(),
        ),
    ];
    for (label, message, caller, args) in steps {
        let mut measure = |bundle: &Bundle, contract: &AccountId32| {
            let mut input = bundle.selector(message).to_vec();
            input.extend_from_slice(&args);
            let (answer, receipt) = bench
                .chain
                .call_raw::<Result<(), psp::PSP22Error>>(contract, input, caller, 0);
            assert_eq!(answer, Ok(Ok(())), "{}: {label}", bundle.name);
            Cost::from(&receipt)
        };
        let ours_cost = measure(&bundles.token, &ours);
        let theirs_cost = measure(reference, &theirs);
        table.push("token", label, ours_cost, Some(theirs_cost));
    }
    table.push(
        "token",
        "mint (to a new holder)",
        (&ours_mint_new).into(),
        None,
    );
    let mint = bench.send(
        &bundles.token,
        &ours,
        &holder,
        "PSP22Mintable::mint",
        (ink_id(&fan), 1_000 * ONE),
        0,
    );
    table.ours("token", "mint (to a holder)", &mint);
    let burn = bench.send(
        &bundles.token,
        &ours,
        &holder,
        "PSP22Burnable::burn",
        (ink_id(&fan), 1_000 * ONE),
        0,
    );
    table.ours("token", "burn", &burn);
}

/// The token's split (`psp::split`): the same calls on the contract as deployed (hot code, the
/// rest by delegate call) and on its full code deployed alone, unsplit; what the split saves a
/// fan's call and what the delegate hop costs an admin's.
fn split(table: &mut Table, bundles: &Bundles) {
    let Some(unsplit) = bundles.token.unsplit() else {
        return;
    };
    let (holder, fan) = (account(1), account(2));
    for (bundle, how) in [(&*bundles.token, "split"), (&unsplit, "unsplit")] {
        let mut bench = Bench {
            chain: Chain::new(),
        };
        let args = (
            Some(String::from("C")),
            Some(String::from("C")),
            18u8,
            ONE * ONE,
            ink_id(&holder),
        );
        let (token, _) = bench
            .chain
            .deploy(bundle, "new", args, &holder, vec![])
            .expect("deploy the token");
        let mint = (ink_id(&holder), 1_000 * ONE);
        bench.send(bundle, &token, &holder, "PSP22Mintable::mint", mint, 0);
        let transfer = (ink_id(&fan), ONE, Vec::<u8>::new());
        bench.send(
            bundle,
            &token,
            &holder,
            "PSP22::transfer",
            transfer.clone(),
            0,
        );
        let receipt = bench.send(bundle, &token, &holder, "PSP22::transfer", transfer, 0);
        table.ours("split", format!("token transfer, {how}"), &receipt);
        let grant = (psp::PAUSER, Some(ink_id(&fan)));
        let receipt = bench.send(
            bundle,
            &token,
            &holder,
            "AccessControl::grant_role",
            grant,
            0,
        );
        table.ours("split", format!("token grant_role, {how}"), &receipt);
        let (_, receipt) =
            bench.call::<Option<String>>(bundle, &token, &fan, "PSP22Metadata::token_name", (), 0);
        table.ours("split", format!("token token_name, {how}"), &receipt);
    }
}

/// A fresh chain with the factory and one creator's suite, at `START`: a custom launch, so
/// the creator can mint the balances a benchmark needs (the measured calls are the same code
/// in either mode; `create_creator` is measured in a fair launch, the default).
fn suite(bundles: &Bundles) -> (Bench, creator_factory::Suite, Receipt) {
    suite_with(bundles, economy::custom_params("MIRA"))
}

fn suite_with(
    bundles: &Bundles,
    params: creator_factory::CreatorParams,
) -> (Bench, creator_factory::Suite, Receipt) {
    let mut chain = Chain::new();
    chain.set_time(START);
    let factory =
        economy::deploy_factory(&mut chain, bundles, &account(1), 42).expect("deploy the factory");
    let (suite, receipt) =
        economy::create_suite(&mut chain, bundles, &factory, &account(2), params);
    (Bench { chain }, suite.expect("create the suite"), receipt)
}

fn collection(table: &mut Table, bundles: &Bundles) {
    let (_, _, created) = suite_with(bundles, economy::params("MIRA"));
    table.ours(
        "factory",
        "create_creator (8 contracts, wired, fair launch)",
        &created,
    );
    let (mut bench, suite, _) = suite(bundles);
    let (creator, fan, friend) = (account(2), account(3), account(4));
    let (token, collection) = (sandbox_id(&suite.token), sandbox_id(&suite.collection));
    bench.send(
        &bundles.token,
        &token,
        &creator,
        "PSP22Mintable::mint",
        (ink_id(&fan), 10_000 * ONE),
        0,
    );
    bench.send(
        &bundles.token,
        &token,
        &fan,
        "PSP22::approve",
        (suite.collection, u128::MAX),
        0,
    );
    let drop = DropConfig {
        payment_token: suite.token,
        price: 50 * ONE,
        start: START,
        end: START + 7 * DAY,
        max_supply: 100,
        max_per_account: 20,
        max_per_call: 10,
        allowlist_root: None,
    };
    let configure = bench.send(
        &bundles.collection,
        &collection,
        &creator,
        "configure_drop",
        drop,
        0,
    );
    table.ours("collection", "configure_drop", &configure);
    let (_, buy_one) = bench.call::<Result<Vec<Id>, creator_nft::CollectionError>>(
        &bundles.collection,
        &collection,
        &fan,
        "buy",
        (0u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
        0,
    );
    table.ours(
        "collection",
        "buy(1) (two token transfers inside)",
        &buy_one,
    );
    let (_, buy_ten) = bench.call::<Result<Vec<Id>, creator_nft::CollectionError>>(
        &bundles.collection,
        &collection,
        &fan,
        "buy",
        (0u32, 10u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
        0,
    );
    table.ours("collection", "buy(10)", &buy_ten);
    table.push(
        "collection",
        "buy(10), per item",
        Cost::from(&buy_ten).per_item(10),
        None,
    );
    let id = Id::U64(1_000_000);
    let mint = bench.send(
        &bundles.collection,
        &collection,
        &creator,
        "PSP34Mintable::mint",
        (ink_id(&fan), id.clone()),
        0,
    );
    table.ours("collection", "mint", &mint);
    let transfer = bench.send(
        &bundles.collection,
        &collection,
        &fan,
        "PSP34::transfer",
        (ink_id(&friend), id.clone(), Vec::<u8>::new()),
        0,
    );
    table.ours("collection", "transfer", &transfer);
    let burn = bench.send(
        &bundles.collection,
        &collection,
        &friend,
        "PSP34Burnable::burn",
        (ink_id(&friend), id),
        0,
    );
    table.ours("collection", "burn", &burn);

    // The market of the same suite.
    let market = sandbox_id(&suite.market);
    let buy = bench.send(
        &bundles.market,
        &market,
        &friend,
        "buy",
        (0u128, START + DAY, None::<AccountId>),
        50 * NATIVE,
    );
    table.ours("market", "buy (mint inside)", &buy);
    let referred = bench.send(
        &bundles.market,
        &market,
        &friend,
        "buy",
        (0u128, START + DAY, Some(ink_id(&creator))),
        50 * NATIVE,
    );
    table.ours("market", "buy naming a referrer", &referred);
    let sell = bench.send(
        &bundles.market,
        &market,
        &fan,
        "sell",
        (ONE, 0u128, START + DAY, None::<AccountId>),
        0,
    );
    table.ours("market", "sell (burn inside)", &sell);
}

/// Stake, deposit and claim on the distributor with `stakers` stakers.
fn distributor(table: &mut Table, bundles: &Bundles, stakers: u32) {
    let (mut bench, suite, _) = suite(bundles);
    let creator = account(2);
    let (token, distributor) = (sandbox_id(&suite.token), sandbox_id(&suite.distributor));
    let mut first_stake = None;
    let mut claimer = None;
    for n in 0..stakers {
        let who = participant(&mut bench, n);
        bench.send(
            &bundles.token,
            &token,
            &creator,
            "PSP22Mintable::mint",
            (ink_id(&who), 100 * ONE),
            0,
        );
        bench.send(
            &bundles.token,
            &token,
            &who,
            "PSP22::approve",
            (suite.distributor, u128::MAX),
            0,
        );
        let stake = bench.send(&bundles.distributor, &distributor, &who, "stake", ONE, 0);
        first_stake.get_or_insert(stake);
        claimer.get_or_insert(who);
    }
    let claimer = claimer.expect("one staker at least");
    let deposit = bench.send(
        &bundles.distributor,
        &distributor,
        &creator,
        "deposit_native",
        1_000 * NATIVE,
        1_000 * NATIVE,
    );
    bench.chain.set_time(START + 8 * DAY);
    let stake_more = bench.send(
        &bundles.distributor,
        &distributor,
        &claimer,
        "stake",
        ONE,
        0,
    );
    let (paid, claim) = bench.call::<Result<u128, reward_distributor::DistributorError>>(
        &bundles.distributor,
        &distributor,
        &claimer,
        "claim",
        Asset::Native,
        0,
    );
    assert!(paid.is_ok_and(|paid| paid > 0), "the claim pays");
    if stakers == 1 {
        table.ours(
            "distributor",
            "stake (first stake)",
            &first_stake.expect("staked"),
        );
        table.ours("distributor", "stake (more, settles rewards)", &stake_more);
        table.ours("distributor", "deposit_native", &deposit);
    }
    table.ours(
        "distributor",
        format!("claim(Native), stakers: {stakers}"),
        &claim,
    );
}

/// Attest and claim on the mining pool with `contributors` contributors in one epoch (in the
/// creator's first project, id 1: the factory registered 0, the creation desk's).
fn pool(table: &mut Table, bundles: &Bundles, contributors: u32) {
    let (mut bench, suite, _) = suite(bundles);
    let creator = account(2);
    let pool = sandbox_id(&suite.pool);
    bench.send(
        &bundles.pool,
        &pool,
        &creator,
        "register_project",
        (String::from("docs"), ink_id(&creator), u128::MAX),
        0,
    );
    // Epoch 1 runs from genesis (the suite's creation) + 7 days for 7 days.
    bench.chain.set_time(START + 8 * DAY);
    let mut first = None;
    for n in 0..contributors {
        let who = participant(&mut bench, n);
        let attest = bench.send(
            &bundles.pool,
            &pool,
            &creator,
            "attest",
            (1u32, ink_id(&who), 1u128, [0xA1u8; 32]),
            0,
        );
        first.get_or_insert((who, attest));
    }
    let (claimer, attest) = first.expect("one contributor at least");
    bench.chain.set_time(START + 16 * DAY);
    let (minted, claim) = bench.call::<Result<u128, mining_pool::PoolError>>(
        &bundles.pool,
        &pool,
        &claimer,
        "claim",
        1u32,
        0,
    );
    assert!(minted.is_ok_and(|minted| minted > 0), "the claim mints");
    if contributors == 1 {
        table.ours("pool", "attest", &attest);
    }
    table.ours(
        "pool",
        format!("claim(epoch), contributors: {contributors}"),
        &claim,
    );
}

/// Proof-of-work mining in a fair launch (the difficulty lowered to 2^12 so that the search
/// is quick): the first solution, a later one, and the sixteenth, which closes the window and
/// retargets.
fn pow(table: &mut Table, bundles: &Bundles) {
    let mut params = economy::params("MIRA");
    params.pow.initial_difficulty = 1 << 12;
    let (mut bench, suite, _) = suite_with(bundles, params);
    let pow = e2e_tests::Contract::at(&bundles.pow, &sandbox_id(&suite.pow));
    let miner = account(3);
    for solution in 1..=16u32 {
        let mined = e2e_tests::pow_mining::mine_once(&mut bench.chain, &pow, &miner, 1, 6_000);
        assert!(
            mined.answer.is_ok(),
            "solution {solution}: {:?}",
            mined.answer
        );
        let name = match solution {
            1 => "mine (first solution)",
            2 => "mine (a later solution)",
            16 => "mine (the 16th: closes the window, retargets)",
            _ => continue,
        };
        table.ours("pow", name, &mined.receipt);
    }
}

/// Creation mining: a fan submits a creation; the curator accepts it (which mints the NFT in
/// the collection and credits the points in the pool: three contracts' code in one call).
fn creations(table: &mut Table, bundles: &Bundles) {
    let (mut bench, suite, _) = suite(bundles);
    let desk = sandbox_id(&suite.creations);
    let (creator, fan) = (account(2), account(3));
    let (submitted, submit) = bench.call::<Result<u64, creation_mining::CreationError>>(
        &bundles.creations,
        &desk,
        &fan,
        "submit",
        ([0xC1u8; 32], String::from("ipfs://fan/creation.json")),
        0,
    );
    let id = submitted.expect("submitted");
    let (accepted, review) = bench.call::<Result<(), creation_mining::CreationError>>(
        &bundles.creations,
        &desk,
        &creator,
        "review",
        (id, true),
        0,
    );
    assert!(accepted.is_ok(), "the curator accepts: {accepted:?}");
    table.ours("creations", "submit", &submit);
    table.ours(
        "creations",
        "review (accept: mint the NFT, credit the points)",
        &review,
    );
}

fn thousands(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// `+1.2%` against the previous run's figure, if there was one.
fn change(previous: Option<&Value>, key: &str, now: u64) -> String {
    previous
        .and_then(|cost| cost[key].as_u64())
        .filter(|before| *before > 0)
        .map(|before| format!("{:+.1}%", (now as f64 / before as f64 - 1.0) * 100.0))
        .unwrap_or_default()
}

fn print(table: &Table, sizes: &[(String, usize, Option<usize>)], previous: Option<&Value>) {
    println!("\nWasm size (bytes; every call's proof carries the whole code)");
    println!(
        "{:<22} {:>10} {:>10} {:>7}",
        "contract", "ours", "reference", "ratio"
    );
    for (name, ours, reference) in sizes {
        let (theirs, ratio) = match reference {
            Some(reference) => (
                thousands(*reference as i128),
                format!("{:.2}x", *ours as f64 / *reference as f64),
            ),
            None => (String::new(), String::new()),
        };
        println!(
            "{:<22} {:>10} {:>10} {:>7}",
            name,
            thousands(*ours as i128),
            theirs,
            ratio
        );
    }
    println!(
        "\n{:<12} {:<36} {:>15} {:>10} {:>8} {:>15} {:>10} {:>6} {:>6} {:>8} {:>8}",
        "contract",
        "call",
        "ref_time",
        "proof",
        "deposit",
        "ref. ref_time",
        "ref. proof",
        "x time",
        "x proof",
        "Δ time",
        "Δ proof"
    );
    let previous_rows = previous.and_then(|json| json["rows"].as_array());
    for row in &table.rows {
        let before = previous_rows.and_then(|rows| {
            rows.iter()
                .find(|r| r["section"] == row.section && r["call"] == row.name.as_str())
                .map(|r| &r["ours"])
        });
        let (theirs_time, theirs_proof, x_time, x_proof) = match row.reference {
            Some(reference) => (
                thousands(reference.ref_time),
                thousands(reference.proof_size),
                format!("{:.2}", ratio(row.ours.ref_time, reference.ref_time)),
                format!("{:.2}", ratio(row.ours.proof_size, reference.proof_size)),
            ),
            None => Default::default(),
        };
        println!(
            "{:<12} {:<36} {:>15} {:>10} {:>8} {:>15} {:>10} {:>6} {:>6} {:>8} {:>8}",
            row.section,
            row.name,
            thousands(row.ours.ref_time),
            thousands(row.ours.proof_size),
            thousands(row.ours.storage_deposit),
            theirs_time,
            theirs_proof,
            x_time,
            x_proof,
            change(before, "ref_time", row.ours.ref_time),
            change(before, "proof_size", row.ours.proof_size),
        );
    }
}

/// The targets, checked against this run: (target, met, detail).
fn targets(table: &Table, token_size: usize, reference_size: usize) -> Vec<(String, bool, String)> {
    let mut checks = Vec::new();
    for call in [
        "transfer (to a holder)",
        "approve",
        "transfer_from (to a holder)",
    ] {
        let row = table.find("token", call);
        let reference = row.reference.expect("reference measured");
        let x_time = ratio(row.ours.ref_time, reference.ref_time);
        let x_proof = ratio(row.ours.proof_size, reference.proof_size);
        checks.push((
            format!("token {call} <= 0.95x the reference"),
            x_time <= 0.95 && x_proof <= 0.95,
            format!("ref_time {x_time:.3}x, proof_size {x_proof:.3}x"),
        ));
    }
    let new_holder = table.find("token", "transfer (to a new holder)");
    let reference_deposit = new_holder
        .reference
        .expect("reference measured")
        .storage_deposit;
    checks.push((
        "token: a new holder's first balance deposits no more than the reference's".into(),
        new_holder.ours.storage_deposit <= reference_deposit,
        format!(
            "{} against {reference_deposit}",
            new_holder.ours.storage_deposit
        ),
    ));
    for (section, call, before) in HOT_CALLS_BEFORE {
        let proof = table.find(section, call).ours.proof_size;
        let x = ratio(proof, before);
        checks.push((
            format!("{section} {call}: proof_size <= half of before the split"),
            x <= 0.5,
            format!("{proof} against {before} = {x:.3}x"),
        ));
    }
    let x_size = token_size as f64 / reference_size as f64;
    checks.push((
        "token Wasm <= 1.2x the reference".into(),
        x_size <= 1.2,
        format!("{token_size} / {reference_size} bytes = {x_size:.3}x"),
    ));
    for (section, what) in [("distributor", "stakers"), ("pool", "contributors")] {
        let costs: Vec<Cost> = SCALES
            .iter()
            .map(|n| {
                let name = match section {
                    "distributor" => format!("claim(Native), {what}: {n}"),
                    _ => format!("claim(epoch), {what}: {n}"),
                };
                table.find(section, &name).ours
            })
            .collect();
        let spread = |value: fn(&Cost) -> u64| {
            let values: Vec<f64> = costs.iter().map(|c| value(c) as f64).collect();
            let (min, max) = values
                .iter()
                .fold((f64::MAX, 0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
            max / min - 1.0
        };
        let (time, proof) = (spread(|c| c.ref_time), spread(|c| c.proof_size));
        checks.push((
            format!("{section} claim equal within 2 % across 1 / 100 / 1,000 {what}"),
            time <= 0.02 && proof <= 0.02,
            format!(
                "spread ref_time {:.2} %, proof_size {:.2} %",
                time * 100.0,
                proof * 100.0
            ),
        ));
    }
    checks
}

fn argument(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let reference_path = argument("--reference").unwrap_or_else(|| {
        eprintln!("usage: bench --reference <psp22.contract> [--out <bench.json>]");
        std::process::exit(2);
    });
    let out = PathBuf::from(argument("--out").unwrap_or_else(|| "target/bench/bench.json".into()));
    let reference =
        Bundle::load_file(Path::new(&reference_path), "psp22 2.0.0").unwrap_or_else(|error| {
            eprintln!("{error}");
            std::process::exit(1);
        });
    let bundles = Bundles::load().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(1);
    });

    let mut table = Table::default();
    tokens(&mut table, &bundles, &reference);
    split(&mut table, &bundles);
    collection(&mut table, &bundles);
    for n in SCALES {
        distributor(&mut table, &bundles, n);
    }
    for n in SCALES {
        pool(&mut table, &bundles, n);
    }
    pow(&mut table, &bundles);
    creations(&mut table, &bundles);

    let all = [
        &bundles.token,
        &bundles.collection,
        &bundles.distributor,
        &bundles.pool,
        &bundles.vesting,
        &bundles.market,
        &bundles.pow,
        &bundles.creations,
        &bundles.factory,
    ];
    let sizes: Vec<(String, usize, Option<usize>)> = all
        .iter()
        .map(|bundle| {
            let reference = (bundle.name == "creator_token").then_some(reference.wasm.len());
            (bundle.name.clone(), bundle.wasm.len(), reference)
        })
        .collect();

    let previous_path = out.with_extension("prev.json");
    let previous: Option<Value> = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    print(&table, &sizes, previous.as_ref());
    if previous.is_some() {
        println!(
            "(Δ: change against the previous run, {})",
            previous_path.display()
        );
    }

    let checks = targets(&table, bundles.token.wasm.len(), reference.wasm.len());
    println!("\nTargets");
    for (target, met, detail) in &checks {
        println!(
            "  [{}] {target}: {detail}",
            if *met { "met" } else { "MISSED" }
        );
    }

    let report = json!({
        "reference": "psp22 2.0.0 (example token), same toolchain and cargo-contract",
        "wasm_bytes": sizes.iter().map(|(name, ours, reference)| json!({
            "contract": name, "ours": ours, "reference": reference,
        })).collect::<Vec<_>>(),
        "rows": table.rows.iter().map(|row| json!({
            "section": row.section,
            "call": row.name,
            "ours": row.ours.json(),
            "reference": row.reference.map(|cost| cost.json()),
            "ratio": row.reference.map(|reference| json!({
                "ref_time": ratio(row.ours.ref_time, reference.ref_time),
                "proof_size": ratio(row.ours.proof_size, reference.proof_size),
            })),
        })).collect::<Vec<_>>(),
        "targets": checks.iter().map(|(target, met, detail)| json!({
            "target": target, "met": met, "measured": detail,
        })).collect::<Vec<_>>(),
    });
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).expect("create the output directory");
    }
    if out.exists() {
        std::fs::rename(&out, &previous_path).expect("keep the previous run");
    }
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&report).expect("serialise"),
    )
    .expect("write the JSON report");
    println!("\nwrote {}", out.display());
}
