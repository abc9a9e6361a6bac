//! The bad-input sweep on the compiled Wasm: every message of every contract, called with
//! boundary values generated from its metadata (0, 1, MAX, the zero account, the contract
//! itself, unknown accounts, empty and oversized strings and vectors, every enum variant,
//! unknown ids, expired deadlines), by the privileged account and by a fan. Every answer must
//! decode fully as the declared return type and be `Ok` or a typed error: never a trap, never
//! out of gas, never an undecodable answer, never a typed error that keeps its changes.
//!
//! The suite is created through the factory and put in a realistic state first (a configured
//! drop with items sold, stakes, a reward stream and a Merkle round, attestations, market buys,
//! a pending upgrade), and every call starts from that same state (each is rolled back).
//!
//! The only dispatch error allowed is listed in `documented` with its reason (an input longer
//! than ink!'s 16 KiB buffer). `SWEEP_VERBOSE=1` prints every message's outcomes.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use creator_factory::CodeHashes;
use creator_nft::DropConfig;
use e2e_tests::{
    actors::{creator, fan, platform},
    economy::{self, FACTORY_GAS_LIMIT},
    fixtures::{Economy, START},
    ink_id,
    sweep::{self, Context, Message, Registry, Rest, Sample, Value},
    AccountId32, Bundle, Chain, Contract, Failure, Receipt, GAS_LIMIT,
};
use ink::scale::Encode;
use mining_pool::Voucher;
use psp::Id;

const ONE: u128 = 1_000_000_000_000_000_000;
const DAY: u64 = 86_400_000;
/// The sweep runs 40 days after the suite was created: epoch 0 is claimable, the vesting
/// cliff has passed, the launch fee has decayed, the proposed upgrade is ready.
const NOW: u64 = START + 40 * DAY;
/// The contracts' input buffer (ink!'s default static buffer).
const INPUT_BUFFER: usize = 16 * 1024;
/// Full cross product of argument samples up to this many combinations per message.
const PRODUCT_CAP: usize = 48;
/// Native value sent to payable messages besides 0.
const PAYABLE_VALUES: [u128; 2] = [1, 1_000_000_000_000];

fn unknown() -> [u8; 32] {
    [0xab; 32]
}
fn bytes(account: &AccountId32) -> [u8; 32] {
    <[u8; 32]>::from(account.clone())
}

/// A contract the sweep calls.
struct Target {
    name: &'static str,
    contract: Contract,
    registry: Registry,
    /// Holds the roles (the creator; the factory's admin for the factory).
    privileged: AccountId32,
    /// Baseline values by type path.
    hints: BTreeMap<String, Sample>,
}

impl Target {
    fn new(name: &'static str, contract: &Contract, privileged: AccountId32) -> Self {
        Self {
            name,
            registry: Registry::from_metadata(&contract.bundle.metadata).expect("registry"),
            contract: contract.clone(),
            privileged,
            hints: BTreeMap::new(),
        }
    }

    fn message(&self, label: &str) -> Message {
        sweep::messages(&self.contract.bundle)
            .expect("messages")
            .into_iter()
            .find(|message| message.label == label)
            .unwrap_or_else(|| panic!("{}: no {label}", self.name))
    }

    /// A realistic baseline for the type at `path`, from a Rust value.
    fn hint(&mut self, path: &str, label: &str, value: impl Encode) {
        let id = self.type_id(path);
        let value = sweep::decode_all(&self.registry, id, &value.encode())
            .unwrap_or_else(|error| panic!("{}: hint {path}: {error}", self.name));
        self.hints.insert(
            path.into(),
            Sample {
                label: label.into(),
                value,
            },
        );
    }

    fn type_id(&self, path: &str) -> u32 {
        let types = self.contract.bundle.metadata["types"]
            .as_array()
            .expect("types");
        types
            .iter()
            .find(|entry| {
                let segments: Vec<&str> = entry["type"]["path"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|segment| segment.as_str())
                    .collect();
                segments.join("::") == path
            })
            .and_then(|entry| entry["id"].as_u64())
            .and_then(|id| u32::try_from(id).ok())
            .unwrap_or_else(|| panic!("{}: no type {path}", self.name))
    }
}

/// What one call came to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    /// The message's own error type, e.g. `Err(CollectionError::NoActiveDrop)`.
    Typed(String),
    /// A dispatch error the allowlist documents.
    Documented(String),
    /// Anything else: a trap, out of gas, an undecodable answer, a `LangError`.
    Violation(String),
}

/// Dispatch errors that are not the contract's doing, with the reason.
fn documented(kind: &str, input_len: usize) -> Option<&'static str> {
    // ink! reads the input into its 16 KiB static buffer; pallet-contracts refuses to write a
    // longer input (`seal_input` fails with OutputBufferTooSmall), so the call fails before the
    // contract decodes a byte and nothing changes. A contract cannot answer it with a typed
    // error; the limit bounds every Vec/String argument (e.g. 1,000 Merkle proof nodes).
    (kind == "OutputBufferTooSmall" && input_len > INPUT_BUFFER)
        .then_some("input longer than ink!'s 16 KiB input buffer; refused before the contract runs")
}

fn dispatch_kind(error: &str) -> String {
    error
        .split("message: Some(\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(String::from)
        .unwrap_or_else(|| error.to_string())
}

fn classify(
    target: &Target,
    message: &Message,
    answer: Result<Rest, Failure>,
    receipt: &Receipt,
    input_len: usize,
) -> Outcome {
    let registry = &target.registry;
    let bytes = match answer {
        Ok(Rest(bytes)) => bytes,
        Err(Failure::Lang(error)) => return Outcome::Violation(format!("LangError::{error:?}")),
        Err(Failure::Decode(error)) => return Outcome::Violation(format!("undecodable: {error}")),
        Err(Failure::Dispatch(error)) => {
            let kind = dispatch_kind(&error);
            return match documented(&kind, input_len) {
                Some(_) => Outcome::Documented(kind),
                None => Outcome::Violation(kind),
            };
        }
    };
    // `Ok(T)` of `Result<T, LangError>`: decode the whole answer against the declared type.
    let mut full = vec![0u8];
    full.extend_from_slice(&bytes);
    let value = match sweep::decode_all(registry, message.return_type, &full) {
        Ok(value) => value,
        Err(error) => return Outcome::Violation(format!("undecodable answer: {error}")),
    };
    let inner_ty = match registry.get(message.return_type).map(|ty| &ty.def) {
        Ok(sweep::TypeDef::Variant(variants)) => variants
            .iter()
            .find(|variant| variant.index == 0)
            .and_then(|variant| variant.fields.first())
            .map(|field| field.ty),
        _ => None,
    };
    let Some(inner_ty) = inner_ty else {
        return Outcome::Violation("return type is not Result<T, LangError>".into());
    };
    let Value::Variant { fields, .. } = value else {
        return Outcome::Violation("answer is not a Result".into());
    };
    let inner = fields.first().cloned().unwrap_or(Value::Fields(vec![]));
    let is_result = registry.get(inner_ty).is_ok_and(|ty| ty.path == "Result");
    match (is_result, inner) {
        (true, Value::Variant { index: 1, fields }) => {
            let error_ty = match registry.get(inner_ty).map(|ty| &ty.def) {
                Ok(sweep::TypeDef::Variant(variants)) => variants
                    .iter()
                    .find(|variant| variant.index == 1)
                    .and_then(|variant| variant.fields.first())
                    .map(|field| field.ty),
                _ => None,
            };
            let error = match (error_ty, fields.first()) {
                (Some(ty), Some(value)) => format!(
                    "{}::{}",
                    registry.name(ty),
                    sweep::describe_error(registry, ty, value)
                ),
                _ => "?".into(),
            };
            if receipt.reverted {
                Outcome::Typed(error)
            } else {
                Outcome::Violation(format!("{error} returned without reverting"))
            }
        }
        _ => Outcome::Ok,
    }
}

/// The suite in a realistic state, and the contracts to sweep.
struct World {
    chain: Chain,
    targets: Vec<Target>,
}

/// Calls `label` and requires `Ok` (or `Ok(Ok(..))`); for setting up state.
fn must(
    chain: &mut Chain,
    target: &Target,
    label: &str,
    args: impl Encode,
    caller: &AccountId32,
    value: u128,
) {
    let message = target.message(label);
    let mut input = message.selector.to_vec();
    args.encode_to(&mut input);
    let len = input.len();
    let (answer, receipt) = chain.call_raw::<Rest>(&target.contract.address, input, caller, value);
    let outcome = classify(target, &message, answer, &receipt, len);
    assert_eq!(outcome, Outcome::Ok, "setup: {} {label}", target.name);
}

fn code_hash(bundle: &Bundle) -> [u8; 32] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&bundle.wasm, &mut out);
    out
}

impl World {
    fn new() -> Self {
        let Economy {
            mut chain,
            bundles,
            factory,
            ids: suite,
            suite: contracts,
            ..
        } = Economy::new();
        let (me, them) = (creator(), fan());
        let mut token = Target::new("creator_token", &contracts.token, me.clone());
        let mut collection = Target::new("creator_nft", &contracts.collection, me.clone());
        let mut distributor = Target::new("reward_distributor", &contracts.distributor, me.clone());
        let mut pool = Target::new("mining_pool", &contracts.pool, me.clone());
        let vesting = Target::new("creator_vesting", &contracts.vesting, me.clone());
        let market = Target::new("creator_market", &contracts.market, me.clone());
        let pow = Target::new("proof_of_work", &contracts.pow, me.clone());
        let mut creations = Target::new("creation_mining", &contracts.creations, me.clone());
        let mut factory = Target::new("creator_factory", &factory, platform());

        // Token: both hold tokens; the fan approved the collection, the distributor and the
        // creator; the creator approved the distributor; an upgrade (to the same code) is
        // proposed and ready by NOW.
        for who in [&me, &them] {
            must(
                &mut chain,
                &token,
                "PSP22Mintable::mint",
                (ink_id(who), 100_000 * ONE),
                &me,
                0,
            );
        }
        for spender in [suite.collection, suite.distributor, ink_id(&me)] {
            must(
                &mut chain,
                &token,
                "PSP22::approve",
                (spender, 1_000_000 * ONE),
                &them,
                0,
            );
        }
        must(
            &mut chain,
            &token,
            "PSP22::approve",
            (suite.distributor, 1_000_000 * ONE),
            &me,
            0,
        );
        let token_code = code_hash(&bundles.token);
        must(
            &mut chain,
            &token,
            "Upgradeable::propose_upgrade",
            token_code,
            &me,
            0,
        );

        // Collection: an open drop; the fan bought two items; the creator minted one by hand.
        let drop = DropConfig {
            payment_token: suite.token,
            price: 10 * ONE,
            start: START,
            end: START + 365 * DAY,
            max_supply: 1_000,
            max_per_account: 100,
            max_per_call: 10,
            allowlist_root: None,
        };
        must(
            &mut chain,
            &collection,
            "configure_drop",
            drop.clone(),
            &me,
            0,
        );
        must(
            &mut chain,
            &collection,
            "buy",
            (0u32, 2u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
            &them,
            0,
        );
        must(
            &mut chain,
            &collection,
            "PSP34Mintable::mint",
            (ink_id(&me), Id::U8(1)),
            &me,
            0,
        );
        collection.hint("creator_nft::types::DropConfig", "DropConfig(valid)", drop);
        collection.hint("psp::psp34::types::Id", "U64(1)(fan's item)", Id::U64(1));

        // Distributor: both stake, a native stream runs, a native Merkle round is open.
        for who in [&them, &me] {
            must(&mut chain, &distributor, "stake", 1_000 * ONE, who, 0);
        }
        let native = reward_distributor::Asset::Native;
        must(
            &mut chain,
            &distributor,
            "deposit_native",
            1_000_000_000_000u128,
            &me,
            1_000_000_000_000,
        );
        let round = reward_distributor::rounds::RoundKey {
            distributor: suite.distributor,
            round: 0,
        };
        let leaves = vec![
            round.leaf(0, ink_id(&them), 600),
            round.leaf(1, ink_id(&me), 400),
        ];
        let root = psp::merkle::MerkleTree::new(leaves).root();
        must(
            &mut chain,
            &distributor,
            "open_round",
            (native, root, 1_000u128, START + 365 * DAY),
            &me,
            1_000,
        );

        // Pool: the creator leads project 1 (0 is the creation desk's) and attests; the fan
        // earned points in epoch 0.
        must(
            &mut chain,
            &pool,
            "register_project",
            (String::from("docs"), ink_id(&me), 1_000_000u128),
            &me,
            0,
        );
        must(
            &mut chain,
            &pool,
            "attest",
            (1u32, ink_id(&them), 100u128, [1u8; 32]),
            &me,
            0,
        );
        must(
            &mut chain,
            &pool,
            "attest",
            (1u32, ink_id(&me), 50u128, [2u8; 32]),
            &me,
            0,
        );

        // Creations: the fan's first creation was accepted, the second waits for review.
        for (content, uri) in [([0xC1u8; 32], "ipfs://one"), ([0xC2u8; 32], "ipfs://two")] {
            must(
                &mut chain,
                &creations,
                "submit",
                (content, String::from(uri)),
                &them,
                0,
            );
        }
        must(&mut chain, &creations, "review", (0u64, true), &me, 0);
        creations.hint(
            "creation_mining::rules::Rules",
            "Rules(valid)",
            creation_mining::rules::Rules {
                points: 10,
                review_window: DAY,
                max_pending: 2,
                mode: creation_mining::rules::Mode::Curated,
            },
        );

        // Market: both bought on the curve.
        for who in [&them, &me] {
            must(
                &mut chain,
                &market,
                "buy",
                (0u128, u64::MAX, None::<ink::primitives::AccountId>),
                who,
                1_000_000_000_000,
            );
        }

        chain.set_time(NOW);
        let epoch = u32::try_from((NOW - START) / (7 * DAY)).expect("epoch");
        must(
            &mut chain,
            &pool,
            "attest",
            (1u32, ink_id(&them), 10u128, [3u8; 32]),
            &me,
            0,
        );
        pool.hint(
            "mining_pool::types::Voucher",
            "Voucher(current epoch)",
            Voucher {
                project: 1,
                contributor: ink_id(&them),
                epoch,
                points: 10,
                reference: [4; 32],
                nonce: 1,
                deadline: u64::MAX,
            },
        );

        // Upgrades and the factory's registrations refer to real code.
        for (target, bundle) in [
            (&mut token, &bundles.token),
            (&mut collection, &bundles.collection),
            (&mut distributor, &bundles.distributor),
            (&mut pool, &bundles.pool),
        ] {
            target.hint(
                "ink_primitives::types::Hash",
                "Hash(own code)",
                code_hash(bundle),
            );
        }
        let hashes = CodeHashes {
            token: code_hash(&bundles.token).into(),
            collection: code_hash(&bundles.collection).into(),
            distributor: code_hash(&bundles.distributor).into(),
            pool: code_hash(&bundles.pool).into(),
            vesting: code_hash(&bundles.vesting).into(),
            market: code_hash(&bundles.market).into(),
            pow: code_hash(&bundles.pow).into(),
            creations: code_hash(&bundles.creations).into(),
        };
        factory.hint(
            "creator_factory::types::CodeHashes",
            "CodeHashes(uploaded)",
            hashes,
        );
        factory.hint(
            "creator_factory::types::CreatorParams",
            "CreatorParams(valid)",
            economy::params("ZED"),
        );
        Self {
            chain,
            targets: vec![
                token,
                collection,
                distributor,
                pool,
                vesting,
                market,
                pow,
                creations,
                factory,
            ],
        }
    }
}

/// One call of the sweep.
struct Call {
    contract: &'static str,
    message: String,
    args: String,
    caller: &'static str,
    value: u128,
    outcome: Outcome,
}

#[test]
fn every_message_answers_boundary_inputs_with_ok_or_a_typed_error() {
    let started = Instant::now();
    let World { mut chain, targets } = World::new();
    let setup = started.elapsed();
    let mut spare = Chain::new();
    let mut calls: Vec<Call> = Vec::new();
    let mut messages_per_contract: BTreeMap<&str, usize> = BTreeMap::new();
    let mut time_per_contract: BTreeMap<&str, std::time::Duration> = BTreeMap::new();
    let verbose = std::env::var_os("SWEEP_VERBOSE").is_some();
    for target in &targets {
        let contract_started = Instant::now();
        let messages = sweep::messages(&target.contract.bundle).expect("messages");
        messages_per_contract.insert(target.name, messages.len());
        for (caller_label, caller) in [("privileged", target.privileged.clone()), ("fan", fan())] {
            let mut accounts = vec![
                ("caller".to_string(), bytes(&caller)),
                ("zero".into(), [0; 32]),
                ("self".into(), bytes(&target.contract.address)),
                ("unknown".into(), unknown()),
                ("creator".into(), bytes(&creator())),
                ("fan".into(), bytes(&fan())),
                ("token".into(), bytes(&targets[0].contract.address)),
            ];
            let mut seen = BTreeSet::new();
            accounts.retain(|(_, account)| seen.insert(*account));
            let context = Context {
                accounts,
                hints: target.hints.clone(),
                oversized_bytes: 10_000,
                oversized_items: 1_000,
                fitting_bytes: 12_000,
            };
            for message in &messages {
                let combinations =
                    sweep::combinations(&context, &target.registry, message, PRODUCT_CAP)
                        .unwrap_or_else(|error| {
                            panic!("{} {}: {error}", target.name, message.label)
                        });
                for (name, ty) in &message.args {
                    let samples = context.samples(&target.registry, *ty).expect("samples");
                    assert!(
                        samples.len() < sweep::MAX_SAMPLES,
                        "{} {}: samples of {name} truncated",
                        target.name,
                        message.label
                    );
                }
                let values: Vec<u128> = if message.payable {
                    std::iter::once(0).chain(PAYABLE_VALUES).collect()
                } else {
                    vec![0]
                };
                chain.gas_limit = if message.label == "create_creator" {
                    FACTORY_GAS_LIMIT
                } else {
                    GAS_LIMIT
                };
                for args in &combinations {
                    let input = sweep::input(message, args);
                    for value in &values {
                        let input_len = input.len();
                        let (answer, receipt) = sweep::isolated(&mut chain, &mut spare, |chain| {
                            chain.call_raw::<Rest>(
                                &target.contract.address,
                                input.clone(),
                                &caller,
                                *value,
                            )
                        });
                        let outcome = classify(target, message, answer, &receipt, input_len);
                        calls.push(Call {
                            contract: target.name,
                            message: message.label.clone(),
                            args: args
                                .iter()
                                .map(|(name, sample)| format!("{name}={}", sample.label))
                                .collect::<Vec<_>>()
                                .join(", "),
                            caller: caller_label,
                            value: *value,
                            outcome,
                        });
                    }
                }
            }
        }
        time_per_contract.insert(target.name, contract_started.elapsed());
    }
    chain.gas_limit = GAS_LIMIT;
    let elapsed = started.elapsed();

    // Summary.
    println!("bad-input sweep: setup {setup:.1?}, total {elapsed:.1?}");
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for target in &targets {
        let mine: Vec<&Call> = calls
            .iter()
            .filter(|call| call.contract == target.name)
            .collect();
        let count =
            |wanted: fn(&Outcome) -> bool| mine.iter().filter(|call| wanted(&call.outcome)).count();
        println!(
            "  {:<20} {:>3} messages {:>5} calls in {:>5.1?}: {:>5} Ok, {:>5} typed Err, {:>3} documented, {:>3} violations",
            target.name,
            messages_per_contract.get(target.name).copied().unwrap_or_default(),
            mine.len(),
            time_per_contract.get(target.name).copied().unwrap_or_default(),
            count(|outcome| matches!(outcome, Outcome::Ok)),
            count(|outcome| matches!(outcome, Outcome::Typed(_))),
            count(|outcome| matches!(outcome, Outcome::Documented(_))),
            count(|outcome| matches!(outcome, Outcome::Violation(_))),
        );
    }
    if verbose {
        // Per message: which outcomes its calls came to.
        let mut per_message: BTreeMap<(&str, &str), BTreeMap<String, usize>> = BTreeMap::new();
        for call in &calls {
            let outcome = match &call.outcome {
                Outcome::Ok => "Ok".into(),
                Outcome::Typed(error) => error.clone(),
                other => format!("{other:?}"),
            };
            *per_message
                .entry((call.contract, call.message.as_str()))
                .or_default()
                .entry(outcome)
                .or_default() += 1;
        }
        for ((contract, message), outcomes) in per_message {
            println!("    {contract} {message}: {outcomes:?}");
        }
    }
    for call in &calls {
        let kind = match &call.outcome {
            Outcome::Ok => "Ok".to_string(),
            Outcome::Typed(error) => format!("Err({error})"),
            Outcome::Documented(kind) => format!("documented dispatch error {kind}"),
            Outcome::Violation(kind) => format!("VIOLATION {kind}"),
        };
        *by_kind.entry(kind).or_default() += 1;
    }
    println!(
        "  {} contracts, {} messages, {} calls; outcomes:",
        targets.len(),
        messages_per_contract.values().sum::<usize>(),
        calls.len()
    );
    for (kind, count) in &by_kind {
        println!("    {count:>6}  {kind}");
    }

    // Coverage the issue asks for: expired deadlines, unknown ids, oversized inputs.
    let outcomes_of = |contract: &str, message: &str, args: &str| -> BTreeSet<String> {
        calls
            .iter()
            .filter(|call| {
                call.contract == contract && call.message == message && call.args.contains(args)
            })
            .map(|call| format!("{:?}", call.outcome))
            .collect()
    };
    let required: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "proof_of_work",
            "mine",
            "nonce=u128::MAX",
            Some("PowError::Stale"),
        ),
        (
            "creator_market",
            "buy",
            "deadline=0",
            Some("MarketError::Expired"),
        ),
        (
            "creator_market",
            "sell",
            "deadline=0",
            Some("MarketError::Expired"),
        ),
        ("creator_nft", "PSP34::owner_of", "id=U64(u64::MAX)", None),
        (
            "creator_nft",
            "PSP34::transfer",
            "id=U128(u128::MAX)",
            Some("PSP34Error::TokenNotExists"),
        ),
        (
            "creator_nft",
            "PSP34Burnable::burn",
            "id=Bytes(Vec<u8>(len 10000))",
            None,
        ),
        ("creator_nft", "bought_in_drop", "drop_id=u32::MAX", None),
        ("creator_nft", "buy", "proof=Vec<[u8; 32]>(len 1000)", None),
        (
            "creator_nft",
            "buy",
            "drop_id=u32::MAX",
            Some("CollectionError::WrongDrop"),
        ),
        (
            "reward_distributor",
            "claim_round",
            "round=u32::MAX",
            Some("DistributorError::RoundNotFound"),
        ),
        (
            "reward_distributor",
            "reclaim_round",
            "round=u32::MAX",
            Some("DistributorError::RoundNotFound"),
        ),
        ("mining_pool", "claim", "epoch=u32::MAX", None),
        ("mining_pool", "claim_epochs", "epochs=[u32::MAX]", None),
        (
            "mining_pool",
            "attest_batch",
            "entries=Vec<",
            Some("PoolError::TooMany"),
        ),
        ("mining_pool", "submit_voucher", "deadline: 0", None),
        (
            "mining_pool",
            "attest",
            "project=u32::MAX",
            Some("PoolError::UnknownProject"),
        ),
        (
            "mining_pool",
            "update_project",
            "id=u32::MAX",
            Some("PoolError::UnknownProject"),
        ),
        ("mining_pool", "void_attestation", "id=u64::MAX", None),
        ("creator_factory", "creators", "start=u32::MAX", None),
    ];
    let mut missing = Vec::new();
    for (contract, message, args, expected) in required {
        let outcomes = outcomes_of(contract, message, args);
        let ok = !outcomes.is_empty()
            && expected
                .is_none_or(|expected| outcomes.iter().any(|outcome| outcome.contains(expected)));
        if !ok {
            missing.push(format!(
                "{contract} {message} [{args}] expected {expected:?}, got {outcomes:?}"
            ));
        }
    }

    let violations: Vec<String> = calls
        .iter()
        .filter(|call| matches!(call.outcome, Outcome::Violation(_)))
        .map(|call| {
            format!(
                "{} {}({}) by {} value {}: {:?}",
                call.contract, call.message, call.args, call.caller, call.value, call.outcome
            )
        })
        .collect();
    for violation in &violations {
        println!("VIOLATION {violation}");
    }
    for gap in &missing {
        println!("MISSING COVERAGE {gap}");
    }
    assert!(
        violations.is_empty() && missing.is_empty(),
        "{} violations, {} coverage gaps (listed above)",
        violations.len(),
        missing.len()
    );
}

/// Two-step bad inputs the one-call sweep cannot reach: a drop paid in the collection itself,
/// and the distributor itself as a reward asset. A token call to oneself would be refused by
/// the runtime as re-entrance (a trap); both contracts answer with a typed error instead.
#[test]
fn a_contract_named_as_its_own_token_answers_with_a_typed_error() {
    let World { mut chain, targets } = World::new();
    let target = |name: &str| {
        targets
            .iter()
            .find(|target| target.name == name)
            .expect("target")
    };
    let (collection, distributor) = (target("creator_nft"), target("reward_distributor"));
    let me = creator();
    let call =
        |chain: &mut Chain, target: &Target, label: &str, args: Vec<u8>, caller: &AccountId32| {
            let message = target.message(label);
            let mut input = message.selector.to_vec();
            input.extend(args);
            let len = input.len();
            let (answer, receipt) =
                chain.call_raw::<Rest>(&target.contract.address, input, caller, 0);
            classify(target, &message, answer, &receipt, len)
        };
    let drop = DropConfig {
        payment_token: collection.contract.id(),
        price: ONE,
        start: NOW,
        end: NOW + DAY,
        max_supply: 10,
        max_per_account: 10,
        max_per_call: 10,
        allowlist_root: None,
    };
    assert_eq!(
        call(&mut chain, collection, "configure_drop", drop.encode(), &me),
        Outcome::Ok
    );
    assert_eq!(
        call(
            &mut chain,
            collection,
            "buy",
            // Drop 1: the sweep's state opened drop 0.
            (1u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()).encode(),
            &fan()
        ),
        Outcome::Typed("CollectionError::PaymentCallFailed".into())
    );
    assert_eq!(
        call(
            &mut chain,
            collection,
            "PSP34::total_supply",
            vec![],
            &fan()
        ),
        Outcome::Ok
    );

    let itself = distributor.contract.id();
    assert_eq!(
        call(
            &mut chain,
            distributor,
            "add_reward_asset",
            itself.encode(),
            &me
        ),
        Outcome::Ok
    );
    let asset = reward_distributor::Asset::Token(itself);
    let failed = Outcome::Typed("DistributorError::TokenCallFailed".into());
    assert_eq!(
        call(
            &mut chain,
            distributor,
            "deposit",
            (itself, ONE).encode(),
            &me
        ),
        failed
    );
    assert_eq!(
        call(&mut chain, distributor, "sync", asset.encode(), &me),
        failed
    );
    assert_eq!(
        call(
            &mut chain,
            distributor,
            "open_round",
            (asset, [7u8; 32], ONE, NOW + DAY).encode(),
            &me
        ),
        failed
    );
    // Nothing streamed in the bogus asset, so claims still work for everyone.
    assert_eq!(
        call(&mut chain, distributor, "claim", asset.encode(), &fan()),
        Outcome::Ok
    );
    assert_eq!(
        call(&mut chain, distributor, "claim_all", vec![], &fan()),
        Outcome::Ok
    );
}
