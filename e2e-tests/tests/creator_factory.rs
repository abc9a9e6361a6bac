//! The factory creates a creator's whole suite in one call on the compiled Wasm; the vesting
//! wallet releases after the cliff.

use creator_factory::{CreatorParams, FactoryError, Suite};
use creator_vesting::VestingError;
use e2e_tests::{
    actors::{creator, fan, id, platform},
    contribution::register_project,
    economy,
    fixtures::{Economy, Platform, START},
    ink_id, Chain, Contract, DefaultSandboxRuntime, Sandbox,
};
use ink::primitives::AccountId;
use psp::{PSP22Error, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER};

const ONE: u128 = 1_000_000_000_000_000_000;
const DAY: u64 = 86_400_000;

#[test]
fn one_call_creates_a_wired_suite_and_the_factory_keeps_no_power() {
    let Economy {
        mut chain,
        bundles,
        factory,
        ids: suite,
        suite: contracts,
        created: receipt,
    } = Economy::new();
    assert_eq!(suite.mode, creator_factory::LaunchMode::Custom);
    println!(
        "create_creator (custom launch): ref_time {} proof_size {} storage deposit {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size(),
        receipt.storage_deposit
    );
    let me = id(creator);
    // Roles (a custom launch; `fair_economy.rs` checks the fair one): the creator administers
    // everything; the pool mints; the factory holds nothing.
    for (which, contract, roles) in [
        (
            "token",
            &contracts.token,
            vec![DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER],
        ),
        (
            "collection",
            &contracts.collection,
            vec![DEFAULT_ADMIN_ROLE, MINTER],
        ),
        (
            "distributor",
            &contracts.distributor,
            vec![DEFAULT_ADMIN_ROLE],
        ),
        ("pool", &contracts.pool, vec![DEFAULT_ADMIN_ROLE]),
    ] {
        for role in roles {
            assert!(
                chain.read::<bool>(contract, "AccessControl::has_role", (role, Some(me))),
                "{which} {role}"
            );
        }
        for role in [DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER] {
            assert!(
                !chain.read::<bool>(
                    contract,
                    "AccessControl::has_role",
                    (role, Some(factory.id()))
                ),
                "factory kept {role} on {which}"
            );
        }
        assert_eq!(
            chain.read::<Option<AccountId>>(contract, "Ownable::owner", ()),
            Some(me),
            "{which} owner"
        );
    }
    assert!(chain.read::<bool>(
        &contracts.token,
        "AccessControl::has_role",
        (MINTER, Some(suite.pool))
    ));
    for role in [MINTER, BURNER] {
        assert!(chain.read::<bool>(
            &contracts.token,
            "AccessControl::has_role",
            (role, Some(suite.market))
        ));
    }
    let market: creator_market::MarketConfig = chain.read(&contracts.market, "config", ());
    assert_eq!(
        (
            market.token,
            market.creator,
            market.distributor,
            market.unit,
            market.fees.creator_bps,
            market.fees.stakers_bps
        ),
        (suite.token, me, suite.distributor, ONE, 100, 100)
    );
    // The allocation sits in the vesting wallet; the collection pays the distributor.
    assert_eq!(
        chain.read::<u128>(&contracts.token, "PSP22::balance_of", suite.vesting),
        2_000_000 * ONE
    );
    assert_eq!(
        chain.read::<u128>(&contracts.token, "PSP22::total_supply", ()),
        2_000_000 * ONE
    );
    let proceeds: creator_nft::Proceeds = chain.read(&contracts.collection, "proceeds", ());
    assert_eq!(
        proceeds,
        creator_nft::Proceeds {
            treasury: me,
            distributor: suite.distributor,
            distributor_bps: 3_000
        }
    );
    assert_eq!(
        chain.read::<AccountId>(&contracts.distributor, "staking_token", ()),
        suite.token
    );
    let config: Option<mining_pool::PoolConfig> = chain.read(&contracts.pool, "config", ());
    let config = config.expect("pool config");
    assert_eq!(
        (config.token, config.genesis, config.domain),
        (suite.token, START, 42)
    );
    // Registry.
    assert_eq!(
        chain.read::<Option<Suite>>(&factory, "suite_of", me),
        Some(suite)
    );
    assert_eq!(
        chain.read::<Vec<AccountId>>(&factory, "creators", (0u32, 10u32)),
        vec![me]
    );
    assert_eq!(chain.read::<u32>(&factory, "creator_count", ()), 1);

    // Predictable addresses: the token's follows from factory, code hash, input and salt.
    let hashes: Option<creator_factory::CodeHashes> = chain.read(&factory, "code_hashes", ());
    let token_hash = hashes.expect("hashes").token;
    let params = economy::params("MIRA");
    let mut input = ink::selector_bytes!("new").to_vec();
    ink::scale::Encode::encode_to(
        &(
            Some(params.name),
            Some(params.symbol),
            params.decimals,
            params.cap,
            factory.id(),
        ),
        &mut input,
    );
    let mut salt = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(&(me, 0u32, 0u8), &mut salt);
    let predicted = chain.sandbox.execute_with(|| {
        e2e_tests::pallet_contracts::Pallet::<DefaultSandboxRuntime>::contract_address(
            &factory.address,
            &e2e_tests::H256::from(<[u8; 32]>::from(token_hash)),
            &input,
            &salt,
        )
    });
    assert_eq!(ink_id(&predicted), suite.token);

    // A second suite for the same creator gets new addresses (the nonce moves).
    let (second, _) = economy::create_suite(
        &mut chain,
        &bundles,
        &factory.address,
        &creator(),
        economy::params("MIRA"),
    );
    let second = second.expect("second suite");
    assert_ne!(second.token, suite.token);
    assert_eq!(chain.read::<u32>(&factory, "creator_count", ()), 1);
    assert_eq!(chain.read::<u32>(&factory, "nonce_of", me), 2);
}

#[test]
fn the_wired_suite_works_pool_mints_and_vesting_releases_after_the_cliff() {
    let Economy {
        mut chain, suite, ..
    } = Economy::new();
    let me = creator();
    // The creator registers a project she leads; a contribution is minted after the window.
    let project = register_project(&mut chain, &suite.pool, &me, "docs", ink_id(&me), 100);
    let (attested, _) = chain.send::<u64, mining_pool::PoolError>(
        &suite.pool,
        &me,
        "attest",
        (project, id(fan), 10u128, [1u8; 32]),
    );
    attested.expect("attest");
    chain.set_time(START + 8 * DAY);
    let (claimed, _) =
        chain.send::<u128, mining_pool::PoolError>(&suite.pool, &fan(), "claim", 0u32);
    assert_eq!(claimed, Ok(100_000 * ONE));
    assert_eq!(
        chain.read::<u128>(&suite.token, "PSP22::balance_of", id(fan)),
        100_000 * ONE
    );

    // Vesting: nothing before the 30-day cliff, then linear over 365 days.
    let vesting = &suite.vesting;
    let (early, _) = chain.send::<u128, VestingError>(vesting, &fan(), "release", ());
    assert_eq!(early, Err(VestingError::NothingToRelease));
    chain.set_time(START + 73 * DAY);
    let (released, _) = chain.send::<u128, VestingError>(vesting, &fan(), "release", ());
    assert_eq!(
        released,
        Ok(2_000_000 * ONE * 73 / 365),
        "anyone triggers, the creator receives"
    );
    assert_eq!(
        chain.read::<u128>(&suite.token, "PSP22::balance_of", ink_id(&me)),
        400_000 * ONE
    );
    let (renamed, _) = chain.send::<(), VestingError>(vesting, &fan(), "set_beneficiary", id(fan));
    assert_eq!(renamed, Err(VestingError::NotBeneficiary));
    chain.set_time(START + 400 * DAY);
    let (rest, _) = chain.send::<u128, VestingError>(vesting, &fan(), "release", ());
    assert_eq!(rest, Ok(1_600_000 * ONE));
    let (transfer, _) = chain.send::<(), PSP22Error>(
        &suite.token,
        &me,
        "PSP22::transfer",
        (id(fan), ONE, Vec::<u8>::new()),
    );
    assert_eq!(transfer, Ok(()));
}

#[test]
fn bad_parameters_are_refused_before_anything_is_instantiated() {
    let mut world = Platform::new();
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
                fees: creator_factory::MarketFees {
                    stakers_bps: 10_001,
                    ..base.fees.clone()
                },
                ..base.clone()
            },
            FactoryError::InvalidMarket,
        ),
    ];
    for (params, error) in cases {
        let (result, receipt) = world.create_suite(&creator(), params);
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
    assert_eq!(
        world.chain.read::<u32>(&world.factory, "creator_count", ()),
        0
    );
    // Only the admin registers code; without code hashes nothing can be created.
    let mut fresh = Chain::new();
    let bare: Contract =
        fresh.instantiate(&world.bundles.factory, (id(platform), 1u32), &platform());
    let hashes: Option<creator_factory::CodeHashes> =
        world.chain.read(&world.factory, "code_hashes", ());
    let (created, _) = economy::create_suite_expecting(
        &mut fresh,
        &world.bundles,
        &bare.address,
        &creator(),
        base,
        hashes.expect("registered"),
    );
    assert_eq!(created, Err(FactoryError::CodeHashesNotSet));
    let (set, _) = fresh.send::<(), FactoryError>(
        &bare,
        &creator(),
        "set_code_hashes",
        hashes.expect("hashes"),
    );
    assert_eq!(set, Err(FactoryError::MissingRole));
}
