//! The authorization matrix on the compiled Wasm.
//!
//! Every message that the metadata of the eight bundles marks `"mutates": true` must have a
//! row below saying which permission it needs. For each guarded row, a call from an account
//! without the permission is refused with the exact typed error, reverts, emits nothing and
//! leaves the chain's state root unchanged; the same call from the account with the permission
//! succeeds and emits an event. Public rows are called once by an ordinary fan. A message
//! without a row, or a row without a message, fails the test by name.
//!
//! The suite is created through the factory (`e2e_tests::fixtures::Economy`), so the creator
//! holds every admin role; each row starts from the same snapshot of that chain.
//!
//! `cargo test -p e2e-tests --test e2e authorization:: -- --show-output` prints the matrix.

use std::{
    collections::BTreeSet,
    fmt::Debug,
    panic::{catch_unwind, AssertUnwindSafe},
};

use creation_mining::{rules::Rules, CreationError};
use creator_factory::{CodeHashes, FactoryError, Suite};
use creator_market::{
    curve::{BuyQuote, SellQuote},
    MarketError, MarketState,
};
use creator_nft::{CollectionError, DropConfig};
use creator_vesting::VestingError;
use e2e_tests::{
    actors::{creator, delegate, fan, nobody, other_fan, platform},
    economy::{self, Bundles},
    fixtures::{Economy, SuiteContracts, DOMAIN, START},
    ink_id, AccountId32, Bundle, Chain, Contract, Sandbox, SystemAPI,
};
use ink::{
    env::hash::{Blake2x256, CryptoHash},
    primitives::{AccountId, Hash},
    scale::{Decode, Encode},
};
use ink_sandbox::Snapshot;
use mining_pool::{PoolError, Voucher, VOUCHER_TAG};
use proof_of_work::{PowError, PowState};
use psp::{
    upgrade::UPGRADE_DELAY, AccessControlError, Id, OwnableError, PSP22Error, PSP34Error,
    PausableError, UpgradeError, DEFAULT_ADMIN_ROLE, MINTER,
};
use reward_distributor::{Asset, DistributorError};
use secp256k1::{Message, Secp256k1, SecretKey};
use sp_core::storage::StateVersion;

const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals, as `economy::params`
const DAY: u64 = 86_400_000;
/// Native value a fan spends on the market in the rows that need a purchase first.
const MARKET_BUY: u128 = 1_000_000_000_000;
const NO_REFERRER: Option<AccountId> = None;

// The cast (`e2e_tests::actors`): the platform deploys and administers the factory; the
// creator holds every admin role of the suite and is the vesting beneficiary; the fan and the
// other fan hold tokens and no role; the delegate is whom a holder or the creator delegates to
// (spender, operator, attester); nobody holds nothing at all.

/// The id of the first project a creator registers in the pool (the factory registered 0, the
/// creation desk's).
const FIRST_PROJECT: u32 = 1;

/// The contracts of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum C {
    Token,
    Collection,
    Distributor,
    Pool,
    Vesting,
    Factory,
    Market,
    Pow,
    Creations,
}

const CONTRACTS: [C; 9] = [
    C::Token,
    C::Collection,
    C::Distributor,
    C::Pool,
    C::Vesting,
    C::Factory,
    C::Market,
    C::Pow,
    C::Creations,
];

impl C {
    fn bundle_name(self) -> &'static str {
        match self {
            C::Token => "creator_token",
            C::Collection => "creator_nft",
            C::Distributor => "reward_distributor",
            C::Pool => "mining_pool",
            C::Vesting => "creator_vesting",
            C::Factory => "creator_factory",
            C::Market => "creator_market",
            C::Pow => "proof_of_work",
            C::Creations => "creation_mining",
        }
    }

    /// Who holds the admin role and ownership.
    fn admin(self) -> AccountId32 {
        match self {
            C::Factory => platform(),
            _ => creator(),
        }
    }
}

/// The chain with the factory, one creator's suite, and fans holding tokens.
struct World {
    chain: Chain,
    bundles: Bundles,
    factory: Contract,
    /// The suite's addresses, as the factory answered them.
    ids: Suite,
    suite: SuiteContracts,
    hashes: CodeHashes,
    base: Snapshot,
}

impl World {
    /// The custom-launch suite (the creator holds every role), fans minted 1,000 tokens each.
    fn new() -> Self {
        let mut world = Self::of(Economy::new());
        for holder in [fan(), other_fan()] {
            world.ok::<(), PSP22Error>(
                C::Token,
                &creator(),
                "PSP22Mintable::mint",
                (ink_id(&holder), 1_000 * ONE),
                0,
            );
        }
        world.base = world.chain.sandbox.take_snapshot();
        world
    }

    /// The fair-launch suite, fans holding what they bought on the market.
    fn fair() -> Self {
        let mut world = Self::of(Economy::fair());
        for holder in [fan(), other_fan()] {
            world.ok::<BuyQuote, MarketError>(
                C::Market,
                &holder,
                "buy",
                (0u128, u64::MAX, NO_REFERRER),
                MARKET_BUY,
            );
        }
        world.base = world.chain.sandbox.take_snapshot();
        world
    }

    fn of(economy: Economy) -> Self {
        let Economy {
            mut chain,
            bundles,
            factory,
            ids,
            suite,
            ..
        } = economy;
        let hashes: Option<CodeHashes> = chain.read(&factory, "code_hashes", ());
        let hashes = hashes.expect("registered");
        let mut code_hash = [0u8; 32];
        Blake2x256::hash(&bundles.token.wasm, &mut code_hash);
        assert_eq!(
            hashes.token,
            Hash::from(code_hash),
            "a code hash is the blake2-256 of the Wasm (docs/threat-model.md)"
        );
        let base = chain.sandbox.take_snapshot();
        Self {
            chain,
            bundles,
            factory,
            ids,
            suite,
            hashes,
            base,
        }
    }

    /// Back to the state every row starts from.
    fn reset(&mut self) {
        self.chain.sandbox.restore_snapshot(self.base.clone());
    }

    fn contract(&self, c: C) -> Contract {
        match c {
            C::Token => &self.suite.token,
            C::Collection => &self.suite.collection,
            C::Distributor => &self.suite.distributor,
            C::Pool => &self.suite.pool,
            C::Vesting => &self.suite.vesting,
            C::Market => &self.suite.market,
            C::Pow => &self.suite.pow,
            C::Creations => &self.suite.creations,
            C::Factory => &self.factory,
        }
        .clone()
    }

    fn id(&self, c: C) -> AccountId {
        self.contract(c).id()
    }

    /// The code hash the contract runs (for upgrade rows: an upgrade to its own code).
    fn code_hash(&self, c: C) -> Hash {
        match c {
            C::Token => self.hashes.token,
            C::Collection => self.hashes.collection,
            C::Distributor => self.hashes.distributor,
            C::Pool => self.hashes.pool,
            C::Vesting => self.hashes.vesting,
            C::Market => self.hashes.market,
            C::Factory | C::Pow | C::Creations => panic!("{c:?} is not upgradeable"),
        }
    }

    /// A setup call that must succeed.
    fn ok<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        c: C,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> T {
        let contract = self.contract(c);
        let (answer, _) = self
            .chain
            .send_paying::<T, E>(&contract, caller, message, args, value);
        answer.unwrap_or_else(|error| panic!("setup {c:?} {message}: {error:?}"))
    }

    fn set_time(&mut self, timestamp: u64) {
        self.chain.set_time(timestamp);
    }

    fn token_balance(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.suite.token, "PSP22::balance_of", ink_id(who))
    }

    /// The root of the whole chain state (every contract's storage, balances, code), with
    /// the event log cleared so that only real state is compared.
    fn state_root(&mut self) -> Vec<u8> {
        self.chain.sandbox.reset_events();
        self.chain
            .sandbox
            .execute_with(|| sp_io::storage::root(StateVersion::V1))
    }

    /// `without` calls with `denied_args` and is refused with `expected`, changing nothing;
    /// then `with` calls with `allowed_args` and succeeds, emitting at least one event.
    #[allow(clippy::too_many_arguments)]
    fn refuse_then_allow<T: Decode + Debug, E: Decode + Debug + PartialEq>(
        &mut self,
        c: C,
        message: &str,
        value: u128,
        without: (&AccountId32, impl Encode),
        expected: E,
        with: (&AccountId32, impl Encode),
    ) -> Outcome {
        let contract = self.contract(c);
        let before = self.state_root();
        let (answer, receipt) = self
            .chain
            .send_paying::<T, E>(&contract, without.0, message, without.1, value);
        match &answer {
            Err(error) if *error == expected => {}
            other => {
                panic!("{c:?} {message} without permission: {other:?}, expected Err({expected:?})")
            }
        }
        assert!(receipt.reverted, "{c:?} {message}: a refusal reverts");
        assert!(
            receipt.events.is_empty(),
            "{c:?} {message}: a refusal emits nothing"
        );
        assert_eq!(
            self.state_root(),
            before,
            "{c:?} {message}: a refusal leaves the state unchanged"
        );
        let (answer, receipt) = self
            .chain
            .send_paying::<T, E>(&contract, with.0, message, with.1, value);
        let value = answer.unwrap_or_else(|error| {
            panic!("{c:?} {message} with permission: Err({error:?}), expected Ok")
        });
        assert!(!receipt.reverted, "{c:?} {message}: success commits");
        assert!(
            !receipt.events.is_empty(),
            "{c:?} {message}: a state change emits an event"
        );
        assert_ne!(
            self.state_root(),
            before,
            "{c:?} {message}: the permitted call changes the state"
        );
        Outcome {
            refused: format!("{} -> {expected:?}", name(without.0)),
            allowed: format!("{} -> Ok({})", name(with.0), short(&value)),
            refusals: 1,
        }
    }

    /// `refuse_then_allow` with the same arguments for both calls.
    #[allow(clippy::too_many_arguments)]
    fn guarded<T: Decode + Debug, E: Decode + Debug + PartialEq>(
        &mut self,
        c: C,
        message: &str,
        args: impl Encode,
        value: u128,
        without: &AccountId32,
        expected: E,
        with: &AccountId32,
    ) -> Outcome {
        self.refuse_then_allow::<T, E>(c, message, value, (without, &args), expected, (with, &args))
    }

    /// An ordinary fan calls a public message: it succeeds.
    fn public<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        c: C,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> Outcome {
        let contract = self.contract(c);
        let (answer, receipt) = self
            .chain
            .send_paying::<T, E>(&contract, caller, message, args, value);
        let value = answer.unwrap_or_else(|error| {
            panic!("{c:?} {message} (public): Err({error:?}), expected Ok")
        });
        assert!(!receipt.reverted, "{c:?} {message}: success commits");
        Outcome {
            refused: "- (public)".into(),
            allowed: format!("{} -> Ok({})", name(caller), short(&value)),
            refusals: 0,
        }
    }

    // ---- shared setup ----

    fn approve(&mut self, owner: &AccountId32, spender: AccountId, amount: u128) {
        self.ok::<(), PSP22Error>(C::Token, owner, "PSP22::approve", (spender, amount), 0);
    }

    fn propose_own_code(&mut self, c: C) {
        let hash = self.code_hash(c);
        self.ok::<(), UpgradeError>(c, &c.admin(), "Upgradeable::propose_upgrade", hash, 0);
    }

    fn drop_config(&self) -> DropConfig {
        DropConfig {
            payment_token: self.ids.token,
            price: ONE,
            start: START,
            end: START + DAY,
            max_supply: 100,
            max_per_account: 10,
            max_per_call: 5,
            allowlist_root: None,
        }
    }

    fn configure_drop(&mut self) {
        let config = self.drop_config();
        self.ok::<u32, CollectionError>(C::Collection, &creator(), "configure_drop", config, 0);
    }

    /// The creator mints item 1000 to the fan.
    fn mint_item_to_fan(&mut self) -> Id {
        let id = Id::U64(1_000);
        self.ok::<(), PSP34Error>(
            C::Collection,
            &creator(),
            "PSP34Mintable::mint",
            (ink_id(&fan()), id.clone()),
            0,
        );
        id
    }

    fn stake(&mut self, who: &AccountId32, amount: u128) {
        let distributor = self.id(C::Distributor);
        self.approve(who, distributor, amount);
        self.ok::<(), DistributorError>(C::Distributor, who, "stake", amount, 0);
    }

    /// The root of round 0 paying 100 to the fan (its one leaf, index 0).
    fn round_zero_root(&self) -> [u8; 32] {
        let round = reward_distributor::rounds::RoundKey {
            distributor: self.ids.distributor,
            round: 0,
        };
        round.leaf(0, ink_id(&fan()), 100)
    }

    /// The creator opens native round 0 paying 100 to the fan (leaf index 0) until `deadline`.
    fn open_round(&mut self, deadline: u64) -> [u8; 32] {
        let root = self.round_zero_root();
        self.ok::<u32, DistributorError>(
            C::Distributor,
            &creator(),
            "open_round",
            (Asset::Native, root, 100u128, deadline),
            100,
        );
        root
    }

    /// The creator registers a project led by `lead` (her first: [`FIRST_PROJECT`]).
    fn register_project(&mut self, lead: AccountId) -> u32 {
        self.ok::<u32, PoolError>(
            C::Pool,
            &creator(),
            "register_project",
            (String::from("docs"), lead, 1_000u128),
            0,
        )
    }

    /// The delegate (the lead of the creator's first project) gives the fan 10 points in
    /// epoch 0.
    fn attest_fan(&mut self) {
        let project = self.register_project(ink_id(&delegate()));
        self.ok::<u64, PoolError>(
            C::Pool,
            &delegate(),
            "attest",
            (project, ink_id(&fan()), 10u128, [0u8; 32]),
            0,
        );
    }

    /// The fan buys on the market (the creator's fee accrues).
    fn market_buy(&mut self) -> BuyQuote {
        self.ok::<BuyQuote, MarketError>(
            C::Market,
            &fan(),
            "buy",
            (0u128, START + DAY, NO_REFERRER),
            MARKET_BUY,
        )
    }

    /// A voucher for the fan signed by the secp256k1 key `secret`, and the key's account.
    fn voucher(&self, secret: u8) -> (Voucher, [u8; 65], AccountId) {
        let key = SecretKey::from_slice(&[secret; 32]).expect("key");
        let public = key.public_key(&Secp256k1::new()).serialize();
        let mut signer = [0u8; 32];
        Blake2x256::hash(&public, &mut signer);
        let voucher = Voucher {
            project: FIRST_PROJECT,
            contributor: ink_id(&fan()),
            epoch: 0,
            points: 10,
            reference: [1; 32],
            nonce: 7,
            deadline: START + DAY,
        };
        let mut digest = [0u8; 32];
        Blake2x256::hash(
            &(VOUCHER_TAG, DOMAIN, self.ids.pool, &voucher).encode(),
            &mut digest,
        );
        let (id, compact) = Secp256k1::new()
            .sign_ecdsa_recoverable(&Message::from_digest_slice(&digest).expect("digest"), &key)
            .serialize_compact();
        let mut signature = [0u8; 65];
        signature[..64].copy_from_slice(&compact);
        signature[64] = u8::try_from(id.to_i32()).expect("0 or 1");
        (voucher, signature, AccountId::from(signer))
    }
}

fn name(account: &AccountId32) -> &'static str {
    match <[u8; 32]>::from(account.clone())[0] {
        1 => "platform",
        2 => "creator",
        3 => "fan",
        4 => "other fan",
        5 => "delegate",
        6 => "nobody",
        _ => "?",
    }
}

fn short(value: &impl Debug) -> String {
    let text = format!("{value:?}");
    if text.chars().count() > 36 {
        format!("{}..", text.chars().take(34).collect::<String>())
    } else {
        text
    }
}

/// What a row found.
struct Outcome {
    refused: String,
    allowed: String,
    refusals: usize,
}

type Check = Box<dyn Fn(&mut World) -> Outcome>;

/// One mutating message: the permission it needs and how to check it.
struct Row {
    contract: C,
    message: &'static str,
    permission: String,
    check: Check,
}

fn row(
    contract: C,
    message: &'static str,
    permission: impl Into<String>,
    check: impl Fn(&mut World) -> Outcome + 'static,
) -> Row {
    Row {
        contract,
        message,
        permission: permission.into(),
        check: Box::new(check),
    }
}

/// `Ownable`: the owner only.
fn ownable_rows(c: C) -> Vec<Row> {
    vec![
        row(c, "Ownable::renounce_ownership", "owner", move |w| {
            w.guarded::<(), OwnableError>(
                c,
                "Ownable::renounce_ownership",
                (),
                0,
                &fan(),
                OwnableError::CallerIsNotOwner,
                &c.admin(),
            )
        }),
        row(c, "Ownable::transfer_ownership", "owner", move |w| {
            w.guarded::<(), OwnableError>(
                c,
                "Ownable::transfer_ownership",
                Some(ink_id(&delegate())),
                0,
                &fan(),
                OwnableError::CallerIsNotOwner,
                &c.admin(),
            )
        }),
    ]
}

/// `AccessControl`: grant and revoke by `DEFAULT_ADMIN_ROLE`; renounce by the holder itself.
fn access_rows(c: C) -> Vec<Row> {
    vec![
        row(
            c,
            "AccessControl::grant_role",
            "DEFAULT_ADMIN_ROLE",
            move |w| {
                w.guarded::<(), AccessControlError>(
                    c,
                    "AccessControl::grant_role",
                    (MINTER, Some(ink_id(&delegate()))),
                    0,
                    &fan(),
                    AccessControlError::MissingRole,
                    &c.admin(),
                )
            },
        ),
        row(
            c,
            "AccessControl::revoke_role",
            "DEFAULT_ADMIN_ROLE",
            move |w| {
                w.guarded::<(), AccessControlError>(
                    c,
                    "AccessControl::revoke_role",
                    (DEFAULT_ADMIN_ROLE, Some(ink_id(&c.admin()))),
                    0,
                    &fan(),
                    AccessControlError::MissingRole,
                    &c.admin(),
                )
            },
        ),
        row(
            c,
            "AccessControl::renounce_role",
            "the role holder itself",
            move |w| {
                w.guarded::<(), AccessControlError>(
                    c,
                    "AccessControl::renounce_role",
                    (DEFAULT_ADMIN_ROLE, Some(ink_id(&c.admin()))),
                    0,
                    &fan(),
                    AccessControlError::InvalidCaller,
                    &c.admin(),
                )
            },
        ),
    ]
}

/// `Upgradeable`: `DEFAULT_ADMIN_ROLE`; execute after the 48-hour delay.
fn upgrade_rows(c: C) -> Vec<Row> {
    vec![
        row(
            c,
            "Upgradeable::propose_upgrade",
            "DEFAULT_ADMIN_ROLE",
            move |w| {
                let hash = w.code_hash(c);
                w.guarded::<(), UpgradeError>(
                    c,
                    "Upgradeable::propose_upgrade",
                    hash,
                    0,
                    &fan(),
                    UpgradeError::MissingRole,
                    &c.admin(),
                )
            },
        ),
        row(
            c,
            "Upgradeable::execute_upgrade",
            "DEFAULT_ADMIN_ROLE, 48 h after the proposal",
            move |w| {
                w.propose_own_code(c);
                w.set_time(START + UPGRADE_DELAY);
                w.guarded::<(), UpgradeError>(
                    c,
                    "Upgradeable::execute_upgrade",
                    (),
                    0,
                    &fan(),
                    UpgradeError::MissingRole,
                    &c.admin(),
                )
            },
        ),
        row(
            c,
            "Upgradeable::cancel_upgrade",
            "DEFAULT_ADMIN_ROLE",
            move |w| {
                w.propose_own_code(c);
                w.guarded::<(), UpgradeError>(
                    c,
                    "Upgradeable::cancel_upgrade",
                    (),
                    0,
                    &fan(),
                    UpgradeError::MissingRole,
                    &c.admin(),
                )
            },
        ),
    ]
}

fn token_rows() -> Vec<Row> {
    let t = C::Token;
    let mut rows = vec![
        row(
            t,
            "PSP22::transfer",
            "public (the caller's own tokens)",
            move |w| {
                w.public::<(), PSP22Error>(
                    t,
                    &fan(),
                    "PSP22::transfer",
                    (ink_id(&other_fan()), ONE, Vec::<u8>::new()),
                    0,
                )
            },
        ),
        row(
            t,
            "PSP22::transfer_from",
            "a spender with `from`'s allowance",
            move |w| {
                w.approve(&fan(), ink_id(&delegate()), ONE);
                w.guarded::<(), PSP22Error>(
                    t,
                    "PSP22::transfer_from",
                    (ink_id(&fan()), ink_id(&other_fan()), ONE, Vec::<u8>::new()),
                    0,
                    &other_fan(),
                    PSP22Error::InsufficientAllowance,
                    &delegate(),
                )
            },
        ),
        row(
            t,
            "PSP22::approve",
            "public (the caller's own allowance)",
            move |w| {
                w.public::<(), PSP22Error>(
                    t,
                    &fan(),
                    "PSP22::approve",
                    (ink_id(&delegate()), ONE),
                    0,
                )
            },
        ),
        row(
            t,
            "PSP22::increase_allowance",
            "public (the caller's own allowance)",
            move |w| {
                w.public::<(), PSP22Error>(
                    t,
                    &fan(),
                    "PSP22::increase_allowance",
                    (ink_id(&delegate()), ONE),
                    0,
                )
            },
        ),
        row(
            t,
            "PSP22::decrease_allowance",
            "public (the caller's own allowance)",
            move |w| {
                w.approve(&fan(), ink_id(&delegate()), ONE);
                w.public::<(), PSP22Error>(
                    t,
                    &fan(),
                    "PSP22::decrease_allowance",
                    (ink_id(&delegate()), ONE / 2),
                    0,
                )
            },
        ),
        row(t, "PSP22Mintable::mint", "MINTER", move |w| {
            w.guarded::<(), PSP22Error>(
                t,
                "PSP22Mintable::mint",
                (ink_id(&fan()), ONE),
                0,
                &fan(),
                PSP22Error::Custom("AC::MissingRole".into()),
                &creator(),
            )
        }),
        row(
            t,
            "PSP22Burnable::burn",
            "the holder, a spender within its allowance, or BURNER (the market)",
            move |w| {
                w.refuse_then_allow::<(), PSP22Error>(
                    t,
                    "PSP22Burnable::burn",
                    0,
                    (&nobody(), (ink_id(&fan()), ONE)),
                    PSP22Error::InsufficientAllowance,
                    (&fan(), (ink_id(&fan()), ONE)),
                )
            },
        ),
        row(t, "Pausable::pause", "PAUSER", move |w| {
            w.guarded::<(), PausableError>(
                t,
                "Pausable::pause",
                (),
                0,
                &fan(),
                PausableError::MissingRole,
                &creator(),
            )
        }),
        row(t, "Pausable::unpause", "PAUSER", move |w| {
            w.ok::<(), PausableError>(t, &creator(), "Pausable::pause", (), 0);
            w.guarded::<(), PausableError>(
                t,
                "Pausable::unpause",
                (),
                0,
                &fan(),
                PausableError::MissingRole,
                &creator(),
            )
        }),
    ];
    rows.extend(ownable_rows(t));
    rows.extend(access_rows(t));
    rows.extend(upgrade_rows(t));
    rows
}

fn collection_rows() -> Vec<Row> {
    let n = C::Collection;
    let mut rows = vec![
        row(n, "configure_drop", "DEFAULT_ADMIN_ROLE", move |w| {
            let config = w.drop_config();
            w.guarded::<u32, CollectionError>(
                n,
                "configure_drop",
                config,
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(n, "end_drop", "DEFAULT_ADMIN_ROLE", move |w| {
            w.configure_drop();
            w.guarded::<(), CollectionError>(
                n,
                "end_drop",
                (),
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(
            n,
            "buy",
            "public (pays with the caller's approved tokens)",
            move |w| {
                w.configure_drop();
                let collection = w.id(n);
                w.approve(&fan(), collection, ONE);
                let before = w.token_balance(&fan());
                let outcome = w.public::<Vec<Id>, CollectionError>(
                    n,
                    &fan(),
                    "buy",
                    (0u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
                    0,
                );
                assert_eq!(w.token_balance(&fan()), before - ONE, "the buyer paid");
                outcome
            },
        ),
        row(n, "set_proceeds", "DEFAULT_ADMIN_ROLE", move |w| {
            let distributor = w.id(C::Distributor);
            w.guarded::<(), CollectionError>(
                n,
                "set_proceeds",
                (ink_id(&creator()), 5_000u16, distributor, 5_000u16),
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(n, "set_royalty", "DEFAULT_ADMIN_ROLE", move |w| {
            w.guarded::<(), CollectionError>(
                n,
                "set_royalty",
                (ink_id(&fan()), 500u16),
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(n, "set_attribute", "DEFAULT_ADMIN_ROLE", move |w| {
            let collection_id = Id::Bytes(AsRef::<[u8; 32]>::as_ref(&w.id(n)).to_vec());
            w.guarded::<(), CollectionError>(
                n,
                "set_attribute",
                (
                    collection_id,
                    b"description".to_vec(),
                    b"Mira's passes".to_vec(),
                ),
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(
            n,
            "PSP34::approve",
            "the item's owner (or an all-items operator)",
            move |w| {
                let id = w.mint_item_to_fan();
                w.guarded::<(), PSP34Error>(
                    n,
                    "PSP34::approve",
                    (ink_id(&delegate()), Some(id), true),
                    0,
                    &other_fan(),
                    PSP34Error::NotApproved,
                    &fan(),
                )
            },
        ),
        row(
            n,
            "PSP34::transfer",
            "the item's owner or approved",
            move |w| {
                let id = w.mint_item_to_fan();
                w.guarded::<(), PSP34Error>(
                    n,
                    "PSP34::transfer",
                    (ink_id(&other_fan()), id, Vec::<u8>::new()),
                    0,
                    &other_fan(),
                    PSP34Error::NotApproved,
                    &fan(),
                )
            },
        ),
        row(n, "mint_creation", "MINTER (the creation desk)", move |w| {
            w.guarded::<Id, CollectionError>(
                n,
                "mint_creation",
                (
                    ink_id(&fan()),
                    [0xC7u8; 32],
                    String::from("ipfs://creation"),
                ),
                0,
                &fan(),
                CollectionError::MissingRole,
                &creator(),
            )
        }),
        row(n, "PSP34Mintable::mint", "MINTER", move |w| {
            w.guarded::<(), PSP34Error>(
                n,
                "PSP34Mintable::mint",
                (ink_id(&fan()), Id::U64(1_000)),
                0,
                &fan(),
                PSP34Error::Custom("AC::MissingRole".into()),
                &creator(),
            )
        }),
        row(
            n,
            "PSP34Burnable::burn",
            "the item's owner or approved",
            move |w| {
                let id = w.mint_item_to_fan();
                w.guarded::<(), PSP34Error>(
                    n,
                    "PSP34Burnable::burn",
                    (ink_id(&fan()), id),
                    0,
                    &other_fan(),
                    PSP34Error::NotApproved,
                    &fan(),
                )
            },
        ),
    ];
    rows.extend(ownable_rows(n));
    rows.extend(access_rows(n));
    rows.extend(upgrade_rows(n));
    rows
}

fn distributor_rows() -> Vec<Row> {
    let d = C::Distributor;
    let mut rows = vec![
        row(
            d,
            "stake",
            "public (the caller's approved tokens)",
            move |w| {
                let distributor = w.id(d);
                w.approve(&fan(), distributor, 10 * ONE);
                w.public::<(), DistributorError>(d, &fan(), "stake", 10 * ONE, 0)
            },
        ),
        row(d, "unstake", "the staker itself", move |w| {
            w.stake(&fan(), 10 * ONE);
            w.guarded::<(), DistributorError>(
                d,
                "unstake",
                5 * ONE,
                0,
                &other_fan(),
                DistributorError::InsufficientStake,
                &fan(),
            )
        }),
        row(
            d,
            "withdraw",
            "the staker itself, after the cooldown",
            move |w| {
                w.ok::<(), DistributorError>(d, &creator(), "set_schedule", (DAY, 1_000u64), 0);
                w.stake(&fan(), 10 * ONE);
                w.ok::<(), DistributorError>(d, &fan(), "unstake", 10 * ONE, 0);
                w.set_time(START + 1_000);
                w.guarded::<u128, DistributorError>(
                    d,
                    "withdraw",
                    (),
                    0,
                    &other_fan(),
                    DistributorError::NothingToWithdraw,
                    &fan(),
                )
            },
        ),
        row(
            d,
            "deposit_native",
            "public (the caller's own value)",
            move |w| {
                w.public::<(), DistributorError>(d, &fan(), "deposit_native", 1_000u128, 1_000)
            },
        ),
        row(
            d,
            "deposit",
            "public (the caller's approved tokens)",
            move |w| {
                let (distributor, token) = (w.id(d), w.id(C::Token));
                w.approve(&fan(), distributor, ONE);
                w.public::<(), DistributorError>(d, &fan(), "deposit", (token, ONE), 0)
            },
        ),
        row(d, "sync", "public", move |w| {
            w.public::<u128, DistributorError>(d, &fan(), "sync", Asset::Native, 0)
        }),
        row(
            d,
            "claim",
            "public (pays the caller's own rewards)",
            move |w| w.public::<u128, DistributorError>(d, &fan(), "claim", Asset::Native, 0),
        ),
        row(
            d,
            "claim_all",
            "public (pays the caller's own rewards)",
            move |w| {
                w.public::<Vec<(Asset, u128)>, DistributorError>(d, &fan(), "claim_all", (), 0)
            },
        ),
        row(d, "add_reward_asset", "DEFAULT_ADMIN_ROLE", move |w| {
            w.guarded::<(), DistributorError>(
                d,
                "add_reward_asset",
                AccountId::from([7; 32]),
                0,
                &fan(),
                DistributorError::MissingRole,
                &creator(),
            )
        }),
        row(d, "set_schedule", "DEFAULT_ADMIN_ROLE", move |w| {
            w.guarded::<(), DistributorError>(
                d,
                "set_schedule",
                (DAY, 0u64),
                0,
                &fan(),
                DistributorError::MissingRole,
                &creator(),
            )
        }),
        row(d, "open_round", "DEFAULT_ADMIN_ROLE", move |w| {
            let root = w.round_zero_root();
            w.guarded::<u32, DistributorError>(
                d,
                "open_round",
                (Asset::Native, root, 100u128, START + DAY),
                100,
                &fan(),
                DistributorError::MissingRole,
                &creator(),
            )
        }),
        row(
            d,
            "claim_round",
            "public (pays the leaf's account, whoever submits)",
            move |w| {
                w.open_round(START + DAY);
                let before = w.chain.native_balance(&fan());
                let outcome = w.public::<(), DistributorError>(
                    d,
                    &other_fan(),
                    "claim_round",
                    (0u32, 0u32, ink_id(&fan()), 100u128, Vec::<[u8; 32]>::new()),
                    0,
                );
                assert_eq!(
                    w.chain.native_balance(&fan()),
                    before + 100,
                    "the leaf's account"
                );
                outcome
            },
        ),
        row(
            d,
            "reclaim_round",
            "DEFAULT_ADMIN_ROLE, after the deadline",
            move |w| {
                w.open_round(START + 10);
                w.set_time(START + 11);
                w.guarded::<u128, DistributorError>(
                    d,
                    "reclaim_round",
                    0u32,
                    0,
                    &fan(),
                    DistributorError::MissingRole,
                    &creator(),
                )
            },
        ),
    ];
    rows.extend(ownable_rows(d));
    rows.extend(access_rows(d));
    rows.extend(upgrade_rows(d));
    rows
}

fn pool_rows() -> Vec<Row> {
    let p = C::Pool;
    let claimable = START + 7 * DAY + DAY; // epoch 0's end plus the dispute window
    let mut rows = vec![
        row(p, "register_project", "DEFAULT_ADMIN_ROLE", move |w| {
            w.guarded::<u32, PoolError>(
                p,
                "register_project",
                (String::from("docs"), ink_id(&delegate()), 1_000u128),
                0,
                &fan(),
                PoolError::MissingRole,
                &creator(),
            )
        }),
        row(p, "update_project", "DEFAULT_ADMIN_ROLE", move |w| {
            let project = w.register_project(ink_id(&delegate()));
            w.guarded::<(), PoolError>(
                p,
                "update_project",
                (project, ink_id(&other_fan()), 500u128, true),
                0,
                &delegate(),
                PoolError::MissingRole,
                &creator(),
            )
        }),
        row(p, "attest", "the project's lead", move |w| {
            let project = w.register_project(ink_id(&delegate()));
            w.guarded::<u64, PoolError>(
                p,
                "attest",
                (project, ink_id(&fan()), 10u128, [0u8; 32]),
                0,
                &creator(),
                PoolError::NotProjectLead,
                &delegate(),
            )
        }),
        row(p, "attest_batch", "the project's lead", move |w| {
            let project = w.register_project(ink_id(&delegate()));
            w.guarded::<u64, PoolError>(
                p,
                "attest_batch",
                (project, vec![(ink_id(&fan()), 10u128, [0u8; 32])]),
                0,
                &creator(),
                PoolError::NotProjectLead,
                &delegate(),
            )
        }),
        row(
            p,
            "submit_voucher",
            "any submitter; the signer must lead the voucher's project",
            move |w| {
                let (forged, forged_signature, _) = w.voucher(0x43);
                let (voucher, signature, signer) = w.voucher(0x42);
                w.register_project(signer);
                w.refuse_then_allow::<u64, PoolError>(
                    p,
                    "submit_voucher",
                    0,
                    (&fan(), (forged, forged_signature)),
                    PoolError::BadSignature,
                    (&fan(), (voucher, signature)),
                )
            },
        ),
        row(
            p,
            "void_attestation",
            "DEFAULT_ADMIN_ROLE, within the dispute window",
            move |w| {
                w.attest_fan();
                w.guarded::<(), PoolError>(
                    p,
                    "void_attestation",
                    (0u64, String::from("duplicate")),
                    0,
                    &fan(),
                    PoolError::MissingRole,
                    &creator(),
                )
            },
        ),
        row(
            p,
            "claim",
            "the contributor itself, after the dispute window",
            move |w| {
                w.attest_fan();
                w.set_time(claimable);
                w.guarded::<u128, PoolError>(
                    p,
                    "claim",
                    0u32,
                    0,
                    &other_fan(),
                    PoolError::NothingToClaim,
                    &fan(),
                )
            },
        ),
        row(
            p,
            "claim_epochs",
            "the contributor itself, after the dispute window",
            move |w| {
                w.attest_fan();
                w.set_time(claimable);
                w.guarded::<u128, PoolError>(
                    p,
                    "claim_epochs",
                    vec![0u32],
                    0,
                    &other_fan(),
                    PoolError::NothingToClaim,
                    &fan(),
                )
            },
        ),
        row(p, "set_limits", "DEFAULT_ADMIN_ROLE", move |w| {
            w.guarded::<(), PoolError>(
                p,
                "set_limits",
                500u128,
                0,
                &fan(),
                PoolError::MissingRole,
                &creator(),
            )
        }),
    ];
    rows.extend(ownable_rows(p));
    rows.extend(access_rows(p));
    rows.extend(upgrade_rows(p));
    rows
}

fn vesting_rows() -> Vec<Row> {
    let v = C::Vesting;
    vec![
        row(
            v,
            "release",
            "public (always pays the beneficiary)",
            move |w| {
                w.set_time(START + 31 * DAY);
                let before = w.token_balance(&creator());
                let outcome = w.public::<u128, VestingError>(v, &fan(), "release", (), 0);
                assert!(
                    w.token_balance(&creator()) > before,
                    "the beneficiary is paid"
                );
                outcome
            },
        ),
        row(v, "set_beneficiary", "the beneficiary", move |w| {
            w.guarded::<(), VestingError>(
                v,
                "set_beneficiary",
                ink_id(&fan()),
                0,
                &fan(),
                VestingError::NotBeneficiary,
                &creator(),
            )
        }),
    ]
}

fn factory_rows() -> Vec<Row> {
    let f = C::Factory;
    let mut rows = vec![
        row(f, "set_code_hashes", "DEFAULT_ADMIN_ROLE", move |w| {
            // A new token code for suites created from now on (the value is not checked).
            let hashes = CodeHashes {
                token: Hash::from([9; 32]),
                ..w.hashes
            };
            w.guarded::<(), FactoryError>(
                f,
                "set_code_hashes",
                hashes,
                0,
                &fan(),
                FactoryError::MissingRole,
                &platform(),
            )
        }),
        row(
            f,
            "create_creator",
            "public (the caller becomes the suite's admin)",
            move |w| {
                let (answer, receipt) = economy::create_suite(
                    &mut w.chain,
                    &w.bundles,
                    &w.factory.address,
                    &fan(),
                    economy::params("FAN"),
                );
                let suite = answer.expect("a fan creates a suite");
                assert!(!receipt.reverted);
                Outcome {
                    refused: "- (public)".into(),
                    allowed: format!("fan -> Ok(Suite {{ token: {}.. }})", short(&suite.token)),
                    refusals: 0,
                }
            },
        ),
    ];
    rows.extend(ownable_rows(f));
    rows.extend(access_rows(f));
    rows
}

fn market_rows() -> Vec<Row> {
    let m = C::Market;
    vec![
        row(m, "buy", "public (pays with the value sent)", move |w| {
            w.public::<BuyQuote, MarketError>(
                m,
                &fan(),
                "buy",
                (0u128, START + DAY, Some(ink_id(&delegate()))),
                MARKET_BUY,
            )
        }),
        row(
            m,
            "sell",
            "a holder (burns the caller's own tokens)",
            move |w| {
                w.market_buy();
                w.guarded::<SellQuote, MarketError>(
                    m,
                    "sell",
                    (ONE, 0u128, START + DAY, NO_REFERRER),
                    0,
                    &nobody(),
                    MarketError::Token(PSP22Error::InsufficientBalance),
                    &fan(),
                )
            },
        ),
        row(
            m,
            "withdraw_fees",
            "public (pays the named recipient only, and only what accrued to it)",
            move |w| {
                w.market_buy();
                w.refuse_then_allow::<u128, MarketError>(
                    m,
                    "withdraw_fees",
                    0,
                    (&fan(), ink_id(&fan())),
                    MarketError::NoFees,
                    (&fan(), ink_id(&creator())),
                )
            },
        ),
    ]
}

fn pow_rows() -> Vec<Row> {
    let p = C::Pow;
    vec![row(
        p,
        "mine",
        "public (pays the caller, whose account is in the hash: a copied nonce misses)",
        move |w| {
            let pow = w.contract(p);
            let state: PowState = w.chain.read(&pow, "state", ());
            let found = miner::Work {
                challenge: state.challenge,
                miner: *fan().as_ref(),
                target: state.target,
            }
            .search(0, 2, u64::MAX, &Default::default())
            .expect("found");
            w.guarded::<u128, PowError>(
                p,
                "mine",
                (state.challenge, found.nonce),
                0,
                &nobody(),
                PowError::AboveTarget,
                &fan(),
            )
        },
    )]
}

fn creations_rows() -> Vec<Row> {
    let d = C::Creations;
    let mut rows = vec![
        row(
            d,
            "submit",
            "public (the caller's own creation)",
            move |w| {
                w.public::<u64, CreationError>(
                    d,
                    &fan(),
                    "submit",
                    ([0xC1u8; 32], String::from("ipfs://fan-art")),
                    0,
                )
            },
        ),
        row(d, "review", "CURATOR, within the review window", move |w| {
            w.ok::<u64, CreationError>(
                d,
                &fan(),
                "submit",
                ([0xC2u8; 32], String::from("ipfs://fan-art")),
                0,
            );
            w.guarded::<(), CreationError>(
                d,
                "review",
                (0u64, true),
                0,
                &other_fan(),
                CreationError::MissingRole,
                &creator(),
            )
        }),
        row(
            d,
            "expire",
            "public, once the review window passed",
            move |w| {
                w.ok::<u64, CreationError>(
                    d,
                    &fan(),
                    "submit",
                    ([0xC3u8; 32], String::from("ipfs://fan-art")),
                    0,
                );
                w.set_time(START + 3 * DAY + 1);
                w.public::<(), CreationError>(d, &other_fan(), "expire", 0u64, 0)
            },
        ),
        row(d, "set_rules", "DEFAULT_ADMIN_ROLE", move |w| {
            let rules: Rules = w.chain.read(&w.contract(d), "rules", ());
            let rules = Rules {
                points: 50,
                ..rules
            };
            w.guarded::<(), CreationError>(
                d,
                "set_rules",
                rules,
                0,
                &fan(),
                CreationError::MissingRole,
                &creator(),
            )
        }),
    ];
    rows.extend(access_rows(d));
    rows
}

fn matrix() -> Vec<Row> {
    let mut rows = token_rows();
    rows.extend(collection_rows());
    rows.extend(distributor_rows());
    rows.extend(pool_rows());
    rows.extend(vesting_rows());
    rows.extend(factory_rows());
    rows.extend(market_rows());
    rows.extend(pow_rows());
    rows.extend(creations_rows());
    rows
}

/// Every `(contract, message)` the metadata marks as mutating.
fn mutating_messages() -> BTreeSet<(&'static str, String)> {
    let mut found = BTreeSet::new();
    for c in CONTRACTS {
        let bundle = Bundle::shared(c.bundle_name());
        let messages = bundle.metadata["spec"]["messages"]
            .as_array()
            .expect("spec.messages");
        for message in messages {
            if message["mutates"] == true {
                let label = message["label"].as_str().expect("label");
                found.insert((c.bundle_name(), label.to_string()));
            }
        }
    }
    found
}

/// The table covers exactly the mutating messages of the metadata: none missing, none stale.
fn check_coverage(rows: &[Row]) -> usize {
    let in_metadata = mutating_messages();
    let mut in_table = BTreeSet::new();
    for row in rows {
        let key = (row.contract.bundle_name(), row.message.to_string());
        assert!(
            in_table.insert(key.clone()),
            "two rows for {}::{}",
            key.0,
            key.1
        );
    }
    let missing: Vec<String> = in_metadata
        .difference(&in_table)
        .map(|(contract, message)| format!("{contract} {message}"))
        .collect();
    let stale: Vec<String> = in_table
        .difference(&in_metadata)
        .map(|(contract, message)| format!("{contract} {message}"))
        .collect();
    assert!(
        missing.is_empty(),
        "mutating messages without an authorization row: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "authorization rows for messages that are not mutating messages in the metadata: {stale:?}"
    );
    in_metadata.len()
}

#[test]
#[should_panic(
    expected = "mutating messages without an authorization row: [\"creator_market sell\"]"
)]
fn a_mutating_message_without_a_row_fails() {
    let rows: Vec<Row> = matrix()
        .into_iter()
        .filter(|row| !(row.contract == C::Market && row.message == "sell"))
        .collect();
    check_coverage(&rows);
}

#[test]
#[should_panic(
    expected = "not mutating messages in the metadata: [\"creator_token PSP22::balance_of\"]"
)]
fn a_row_without_a_mutating_message_fails() {
    let mut rows = matrix();
    rows.push(row(C::Token, "PSP22::balance_of", "public", |_| {
        unreachable!("never run")
    }));
    check_coverage(&rows);
}

#[test]
fn every_mutating_message_has_a_row() {
    let covered = check_coverage(&matrix());
    assert!(covered > 0);
}

#[test]
fn authorization_matrix() {
    let rows = matrix();
    let covered = check_coverage(&rows);
    let mut world = World::new();
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    let mut refusals = 0;
    for row in &rows {
        world.reset();
        match catch_unwind(AssertUnwindSafe(|| (row.check)(&mut world))) {
            Ok(outcome) => {
                refusals += outcome.refusals;
                lines.push([
                    row.contract.bundle_name().to_string(),
                    row.message.to_string(),
                    row.permission.clone(),
                    outcome.refused,
                    outcome.allowed,
                ]);
            }
            Err(panic) => {
                let reason = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!(
                    "{} {}: {reason}",
                    row.contract.bundle_name(),
                    row.message
                ));
                lines.push([
                    row.contract.bundle_name().to_string(),
                    row.message.to_string(),
                    row.permission.clone(),
                    "FAILED".into(),
                    "FAILED".into(),
                ]);
            }
        }
    }
    let header = [
        "contract",
        "message",
        "permission",
        "refused (caller -> error)",
        "allowed (caller -> result)",
    ];
    let mut widths = header.map(str::len);
    for line in &lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let print = |cells: [&str; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    print(header);
    let rule = widths.map(|width| "-".repeat(width));
    print([&rule[0], &rule[1], &rule[2], &rule[3], &rule[4]]);
    for line in &lines {
        print([&line[0], &line[1], &line[2], &line[3], &line[4]]);
    }
    println!(
        "{} mutating messages in the metadata, {} rows, {} refusals checked (typed error, \
         reverted, no event, state root unchanged), {} public",
        covered,
        rows.len(),
        refusals,
        rows.len() - refusals
    );
    assert!(failures.is_empty(), "failed rows:\n{}", failures.join("\n"));
}

/// A documented trust cost of a custom launch (docs/threat-model.md, "Trust placed in
/// admins"): the token admin can mint from nothing and sell into the market. The market
/// shares its reserve pro rata, so the admin takes only the minted tokens' share and the fans
/// who bought still sell everything (before issue 16 the admin took the whole reserve and the
/// fans were refused `InsufficientSupply`).
#[test]
fn a_custom_launch_admin_who_mints_dilutes_the_fans_but_cannot_strand_them() {
    let mut world = World::new();
    let bought = world.market_buy();
    let state = |world: &mut World| {
        world.ok::<MarketState, MarketError>(C::Market, &nobody(), "state", (), 0)
    };
    let before = state(&mut world);
    assert!(before.reserve > 0);
    world.ok::<(), PSP22Error>(
        C::Token,
        &creator(),
        "PSP22Mintable::mint",
        (ink_id(&creator()), before.supply),
        0,
    );
    let (sold, _) = world.chain.send::<SellQuote, MarketError>(
        &world.suite.market,
        &creator(),
        "sell",
        (before.supply, 0u128, START + DAY, NO_REFERRER),
    );
    assert_eq!(
        sold.expect("the creator sells").gross,
        before.reserve / 2,
        "half the supply, half the reserve"
    );
    // Everyone else, the fan who bought included, still sells everything.
    for holder in [fan(), other_fan(), creator()] {
        let held = world.token_balance(&holder);
        if held > 0 {
            world.ok::<SellQuote, MarketError>(
                C::Market,
                &holder,
                "sell",
                (held, 0u128, START + DAY, NO_REFERRER),
                0,
            );
        }
    }
    assert!(bought.tokens > 0);
    assert_eq!(world.token_balance(&fan()), 0);
    // What is left is exactly the vesting wallet's: its tokens would take the rest.
    let after = state(&mut world);
    let vesting = world.ids.vesting;
    let locked: u128 = world
        .chain
        .read(&world.suite.token, "PSP22::balance_of", vesting);
    assert_eq!(after.supply, locked);
    let rest = world.ok::<SellQuote, MarketError>(C::Market, &nobody(), "quote_sell", locked, 0);
    assert_eq!(rest.gross, after.reserve);
}

/// A message's answer as raw SCALE bytes (whatever its type), to compare with an encoding.
struct RawAnswer(Vec<u8>);

impl Decode for RawAnswer {
    fn decode<I: ink::scale::Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
        let mut bytes = Vec::new();
        while let Ok(byte) = input.read_byte() {
            bytes.push(byte);
        }
        Ok(Self(bytes))
    }
}

/// The fair-launch rows of the token's privileged messages: whoever calls (the creator, a
/// fan, nobody, the delegate), minting, burning another's tokens without an allowance,
/// granting or revoking a role and every upgrade step are refused with their typed errors,
/// revert, emit nothing and leave the state root unchanged. Pause is the creator's alone.
#[test]
fn fair_launch_token_matrix_no_account_holds_a_lever() {
    let mut world = World::fair();
    let t = C::Token;
    let token = world.suite.token.clone();
    let callers = [creator(), fan(), nobody(), delegate()];
    let missing = PSP22Error::Custom("AC::MissingRole".into());
    let mut refusals = 0;
    for caller in &callers {
        let attempts: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
            (
                "PSP22Mintable::mint",
                (ink_id(caller), ONE).encode(),
                Err::<(), _>(missing.clone()).encode(),
            ),
            (
                "PSP22Burnable::burn",
                (ink_id(&other_fan()), 1u128).encode(),
                Err::<(), _>(PSP22Error::InsufficientAllowance).encode(),
            ),
            (
                "AccessControl::grant_role",
                (MINTER, Some(ink_id(caller))).encode(),
                Err::<(), _>(AccessControlError::MissingRole).encode(),
            ),
            (
                "AccessControl::revoke_role",
                (MINTER, Some(world.ids.market)).encode(),
                Err::<(), _>(AccessControlError::MissingRole).encode(),
            ),
            (
                "Upgradeable::propose_upgrade",
                world.hashes.token.encode(),
                Err::<(), _>(UpgradeError::MissingRole).encode(),
            ),
            (
                "Upgradeable::execute_upgrade",
                ().encode(),
                Err::<(), _>(UpgradeError::MissingRole).encode(),
            ),
            (
                "Upgradeable::cancel_upgrade",
                ().encode(),
                Err::<(), _>(UpgradeError::MissingRole).encode(),
            ),
        ];
        for (message, args, expected) in attempts {
            world.reset();
            let before = world.state_root();
            let mut input = token.bundle.selector(message).to_vec();
            input.extend(args);
            let (answer, receipt) =
                world
                    .chain
                    .call_raw::<RawAnswer>(&token.address, input, caller, 0);
            assert_eq!(
                answer.expect("answers").0,
                expected,
                "{message} by {}",
                name(caller)
            );
            assert!(receipt.reverted && receipt.events.is_empty(), "{message}");
            assert_eq!(world.state_root(), before, "{message}");
            refusals += 1;
        }
    }
    world.reset();
    for caller in [fan(), nobody(), delegate()] {
        let (paused, _) =
            world
                .chain
                .send::<(), PausableError>(&token, &caller, "Pausable::pause", ());
        assert_eq!(paused, Err(PausableError::MissingRole));
    }
    world.ok::<(), PausableError>(t, &creator(), "Pausable::pause", (), 0);
    println!("fair launch: {refusals} refusals of the token's levers, none allowed");
}
