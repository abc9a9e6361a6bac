//! The factory creates a creator's whole suite in one call on the compiled Wasm; the vesting
//! wallet releases after the cliff.

use creator_factory::{CreatorParams, FactoryError, Suite};
use creator_vesting::VestingError;
use e2e_tests::{
    account,
    economy::{self, sandbox_id, Bundles},
    ink_id, AccountId32, Chain, DefaultSandboxRuntime, Sandbox,
};
use ink::{primitives::AccountId, scale::Decode};
use mining_pool::ATTESTER;
use psp::{AccessControlError, PSP22Error, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER};

const ONE: u128 = 1_000_000_000_000_000_000;
const DAY: u64 = 86_400_000;
const START: u64 = 1_700_000_000_000;

fn admin() -> AccountId32 {
    account(1)
}
fn creator() -> AccountId32 {
    account(2)
}
fn fan() -> AccountId32 {
    account(3)
}

struct World {
    chain: Chain,
    bundles: Bundles,
    factory: AccountId32,
}

impl World {
    fn new() -> Self {
        let bundles = Bundles::load().expect("bundles");
        let mut chain = Chain::new();
        chain.set_time(START);
        let factory = economy::deploy_factory(&mut chain, &bundles, &admin(), 42).expect("factory");
        Self {
            chain,
            bundles,
            factory,
        }
    }

    fn create(&mut self, params: CreatorParams) -> Result<Suite, FactoryError> {
        economy::create_suite(
            &mut self.chain,
            &self.bundles,
            &self.factory,
            &creator(),
            params,
        )
        .0
    }

    fn query<R: Decode>(
        &mut self,
        which: &str,
        contract: &AccountId,
        message: &str,
        args: impl ink::scale::Encode,
    ) -> R {
        let bundle = match which {
            "token" => &self.bundles.token,
            "collection" => &self.bundles.collection,
            "distributor" => &self.bundles.distributor,
            "pool" => &self.bundles.pool,
            "vesting" => &self.bundles.vesting,
            "market" => &self.bundles.market,
            _ => &self.bundles.factory,
        };
        self.chain
            .call::<R>(bundle, &sandbox_id(contract), message, args, &fan(), 0)
            .0
            .expect("answer")
    }
}

#[test]
fn one_call_creates_a_wired_suite_and_the_factory_keeps_no_power() {
    let mut world = World::new();
    let (suite, receipt) = economy::create_suite(
        &mut world.chain,
        &world.bundles,
        &world.factory,
        &creator(),
        economy::params("MIRA"),
    );
    let suite = suite.expect("suite");
    println!(
        "create_creator: ref_time {} proof_size {} storage deposit {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size(),
        receipt.storage_deposit
    );
    let factory = ink_id(&world.factory);
    let me = ink_id(&creator());
    // Roles: the creator administers everything; the pool mints; the factory holds nothing.
    for (which, contract, roles) in [
        (
            "token",
            suite.token,
            vec![DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER],
        ),
        (
            "collection",
            suite.collection,
            vec![DEFAULT_ADMIN_ROLE, MINTER],
        ),
        ("distributor", suite.distributor, vec![DEFAULT_ADMIN_ROLE]),
        ("pool", suite.pool, vec![DEFAULT_ADMIN_ROLE]),
    ] {
        for role in roles {
            assert!(
                world.query::<bool>(
                    which,
                    &contract,
                    "AccessControl::has_role",
                    (role, Some(me))
                ),
                "{which} {role}"
            );
        }
        for role in [DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER, ATTESTER] {
            assert!(
                !world.query::<bool>(
                    which,
                    &contract,
                    "AccessControl::has_role",
                    (role, Some(factory))
                ),
                "factory kept {role} on {which}"
            );
        }
        assert_eq!(
            world.query::<Option<AccountId>>(which, &contract, "Ownable::owner", ()),
            Some(me),
            "{which} owner"
        );
    }
    assert!(world.query::<bool>(
        "token",
        &suite.token,
        "AccessControl::has_role",
        (MINTER, Some(suite.pool))
    ));
    for role in [MINTER, BURNER] {
        assert!(world.query::<bool>(
            "token",
            &suite.token,
            "AccessControl::has_role",
            (role, Some(suite.market))
        ));
    }
    let market: creator_market::MarketConfig = world.query("market", &suite.market, "config", ());
    assert_eq!(
        (
            market.token,
            market.creator,
            market.unit,
            market.creator_fee_bps
        ),
        (suite.token, me, ONE, 300)
    );
    // The allocation sits in the vesting wallet; the collection pays the distributor.
    assert_eq!(
        world.query::<u128>("token", &suite.token, "PSP22::balance_of", suite.vesting),
        2_000_000 * ONE
    );
    assert_eq!(
        world.query::<u128>("token", &suite.token, "PSP22::total_supply", ()),
        2_000_000 * ONE
    );
    let proceeds: creator_nft::Proceeds =
        world.query("collection", &suite.collection, "proceeds", ());
    assert_eq!(
        proceeds,
        creator_nft::Proceeds {
            treasury: me,
            distributor: suite.distributor,
            distributor_bps: 3_000
        }
    );
    assert_eq!(
        world.query::<AccountId>("distributor", &suite.distributor, "staking_token", ()),
        suite.token
    );
    let config: Option<mining_pool::PoolConfig> = world.query("pool", &suite.pool, "config", ());
    let config = config.expect("pool config");
    assert_eq!(
        (config.token, config.genesis, config.domain),
        (suite.token, START, 42)
    );
    // Registry.
    assert_eq!(
        world.query::<Option<Suite>>("factory", &factory, "suite_of", me),
        Some(suite)
    );
    assert_eq!(
        world.query::<Vec<AccountId>>("factory", &factory, "creators", (0u32, 10u32)),
        vec![me]
    );
    assert_eq!(
        world.query::<u32>("factory", &factory, "creator_count", ()),
        1
    );

    // Predictable addresses: the token's follows from factory, code hash, input and salt.
    let hashes: Option<creator_factory::CodeHashes> =
        world.query("factory", &factory, "code_hashes", ());
    let token_hash = hashes.expect("hashes").token;
    let params = economy::params("MIRA");
    let mut input = ink::selector_bytes!("new").to_vec();
    ink::scale::Encode::encode_to(
        &(
            Some(params.name),
            Some(params.symbol),
            params.decimals,
            params.cap,
            factory,
        ),
        &mut input,
    );
    let mut salt = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(&(me, 0u32, 0u8), &mut salt);
    let predicted = world.chain.sandbox.execute_with(|| {
        e2e_tests::pallet_contracts::Pallet::<DefaultSandboxRuntime>::contract_address(
            &world.factory,
            &e2e_tests::H256::from(<[u8; 32]>::from(token_hash)),
            &input,
            &salt,
        )
    });
    assert_eq!(ink_id(&predicted), suite.token);

    // A second suite for the same creator gets new addresses (the nonce moves).
    let second = world.create(economy::params("MIRA")).expect("second suite");
    assert_ne!(second.token, suite.token);
    assert_eq!(
        world.query::<u32>("factory", &factory, "creator_count", ()),
        1
    );
    assert_eq!(world.query::<u32>("factory", &factory, "nonce_of", me), 2);
}

#[test]
fn the_wired_suite_works_pool_mints_and_vesting_releases_after_the_cliff() {
    let mut world = World::new();
    let suite = world.create(economy::params("MIRA")).expect("suite");
    let me = creator();
    // The creator appoints an attester; a contribution is minted after the window.
    let (granted, _) = world.chain.call::<Result<(), AccessControlError>>(
        &world.bundles.pool,
        &sandbox_id(&suite.pool),
        "AccessControl::grant_role",
        (ATTESTER, Some(ink_id(&me))),
        &me,
        0,
    );
    granted.expect("answer").expect("grant");
    let (attested, _) = world.chain.call::<Result<u64, mining_pool::PoolError>>(
        &world.bundles.pool,
        &sandbox_id(&suite.pool),
        "attest",
        (ink_id(&fan()), 10u128, [1u8; 32]),
        &me,
        0,
    );
    attested.expect("answer").expect("attest");
    world.chain.set_time(START + 8 * DAY);
    let (claimed, _) = world.chain.call::<Result<u128, mining_pool::PoolError>>(
        &world.bundles.pool,
        &sandbox_id(&suite.pool),
        "claim",
        0u32,
        &fan(),
        0,
    );
    assert_eq!(claimed.expect("answer"), Ok(100_000 * ONE));
    assert_eq!(
        world.query::<u128>("token", &suite.token, "PSP22::balance_of", ink_id(&fan())),
        100_000 * ONE
    );

    // Vesting: nothing before the 30-day cliff, then linear over 365 days.
    let vesting = sandbox_id(&suite.vesting);
    let (early, _) = world.chain.call::<Result<u128, VestingError>>(
        &world.bundles.vesting,
        &vesting,
        "release",
        (),
        &fan(),
        0,
    );
    assert_eq!(early.expect("answer"), Err(VestingError::NothingToRelease));
    world.chain.set_time(START + 73 * DAY);
    let (released, _) = world.chain.call::<Result<u128, VestingError>>(
        &world.bundles.vesting,
        &vesting,
        "release",
        (),
        &fan(),
        0,
    );
    assert_eq!(
        released.expect("answer"),
        Ok(2_000_000 * ONE * 73 / 365),
        "anyone triggers, the creator receives"
    );
    assert_eq!(
        world.query::<u128>("token", &suite.token, "PSP22::balance_of", ink_id(&me)),
        400_000 * ONE
    );
    let (renamed, _) = world.chain.call::<Result<(), VestingError>>(
        &world.bundles.vesting,
        &vesting,
        "set_beneficiary",
        ink_id(&fan()),
        &fan(),
        0,
    );
    assert_eq!(renamed.expect("answer"), Err(VestingError::NotBeneficiary));
    world.chain.set_time(START + 400 * DAY);
    let (rest, _) = world.chain.call::<Result<u128, VestingError>>(
        &world.bundles.vesting,
        &vesting,
        "release",
        (),
        &fan(),
        0,
    );
    assert_eq!(rest.expect("answer"), Ok(1_600_000 * ONE));
    let transfer: Result<(), PSP22Error> = world
        .chain
        .call(
            &world.bundles.token,
            &sandbox_id(&suite.token),
            "PSP22::transfer",
            (ink_id(&fan()), ONE, Vec::<u8>::new()),
            &me,
            0,
        )
        .0
        .expect("answer");
    assert_eq!(transfer, Ok(()));
}

#[test]
fn bad_parameters_are_refused_before_anything_is_instantiated() {
    let mut world = World::new();
    let base = economy::params("MIRA");
    let cases = [
        (
            CreatorParams {
                symbol: " ".into(),
                ..base.clone()
            },
            FactoryError::EmptyName,
        ),
        (
            CreatorParams {
                collection_name: String::new(),
                ..base.clone()
            },
            FactoryError::EmptyName,
        ),
        (
            CreatorParams {
                cap: base.creator_allocation + base.mining_cap - 1,
                ..base.clone()
            },
            FactoryError::CapBelowAllocation,
        ),
        (
            CreatorParams {
                creator_allocation: u128::MAX,
                ..base.clone()
            },
            FactoryError::CapBelowAllocation,
        ),
        (
            CreatorParams {
                treasury_bps: 7_001,
                ..base.clone()
            },
            FactoryError::InvalidShares,
        ),
        (
            CreatorParams {
                epoch_length: 0,
                ..base.clone()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                halving_interval: 0,
                ..base.clone()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                reward_duration: 0,
                ..base.clone()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                reward_duration: psp::limits::MAX_REWARD_DURATION + 1,
                ..base.clone()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                unstake_cooldown: psp::limits::MAX_COOLDOWN + 1,
                ..base.clone()
            },
            FactoryError::InvalidSchedule,
        ),
        (
            CreatorParams {
                decimals: 39,
                ..base.clone()
            },
            FactoryError::InvalidMarket,
        ),
        (
            CreatorParams {
                base_price: 0,
                price_slope: 0,
                ..base.clone()
            },
            FactoryError::InvalidMarket,
        ),
        (
            CreatorParams {
                market_fee_bps: 10_001,
                ..base.clone()
            },
            FactoryError::InvalidMarket,
        ),
    ];
    for (params, error) in cases {
        let (result, receipt) = economy::create_suite(
            &mut world.chain,
            &world.bundles,
            &world.factory,
            &creator(),
            params,
        );
        assert_eq!(result, Err(error.clone()));
        assert!(
            receipt.reverted && receipt.events.is_empty(),
            "{error:?}: nothing instantiated"
        );
        assert!(
            receipt.gas.ref_time() < 20_000_000_000,
            "{error:?}: refused before instantiating ({})",
            receipt.gas.ref_time()
        );
    }
    let factory = ink_id(&world.factory);
    assert_eq!(
        world.query::<u32>("factory", &factory, "creator_count", ()),
        0
    );
    // Only the admin registers code; without code hashes nothing can be created.
    let mut fresh = Chain::new();
    let (bare, _) = fresh
        .deploy(
            &world.bundles.factory,
            "new",
            (ink_id(&admin()), 1u32),
            &admin(),
            vec![],
        )
        .expect("factory");
    let (created, _) = economy::create_suite(&mut fresh, &world.bundles, &bare, &creator(), base);
    assert_eq!(created, Err(FactoryError::CodeHashesNotSet));
    let hashes: Option<creator_factory::CodeHashes> =
        world.query("factory", &factory, "code_hashes", ());
    let (set, _) = fresh.call::<Result<(), FactoryError>>(
        &world.bundles.factory,
        &bare,
        "set_code_hashes",
        hashes.expect("hashes"),
        &creator(),
        0,
    );
    assert_eq!(set.expect("answer"), Err(FactoryError::MissingRole));
}
