//! A creator economy in the sandbox: uploads the suite's code, deploys the factory, creates
//! suites. Shared by the factory tests and the demo.

use creator_factory::{
    CodeHashes, CreationParams, CreatorParams, FactoryError, LaunchMode, MarketFees, PowParams,
    Suite,
};
use std::sync::Arc;

use ink::primitives::Hash;

pub use crate::sandbox_id;
use crate::{ink_id, AccountId32, Bundle, Chain, Failure, Receipt, Weight};

/// Creating a suite instantiates eight contracts and wires them in one call: allow a full
/// block's worth of weight (2 s of ref_time, 5 MiB of proof), as a real chain would.
pub const FACTORY_GAS_LIMIT: Weight = Weight::from_parts(2_000_000_000_000, 5 * 1024 * 1024);

/// Every compiled contract of the suite (shared: see [`Bundle::shared`]).
pub struct Bundles {
    pub token: Arc<Bundle>,
    pub collection: Arc<Bundle>,
    pub distributor: Arc<Bundle>,
    pub pool: Arc<Bundle>,
    pub vesting: Arc<Bundle>,
    pub market: Arc<Bundle>,
    pub pow: Arc<Bundle>,
    pub creations: Arc<Bundle>,
    pub factory: Arc<Bundle>,
}

/// The bundle of the contract whose role is `role` in `contracts/LIST` (`<directory> <role>`
/// lines, the one list of the suite's contracts that the scripts and the client read too).
fn load_role(role: &str) -> Result<Arc<Bundle>, String> {
    let (dir, _) = include_str!("../../contracts/LIST")
        .lines()
        .filter_map(|line| line.split('#').next()?.split_once(' '))
        .find(|(_, r)| r.trim() == role)
        .ok_or_else(|| format!("contracts/LIST has no contract with role {role}"))?;
    Bundle::try_shared(&dir.trim().replace('-', "_"))
}

impl Bundles {
    /// Loads all bundles from `target/ink`.
    pub fn load() -> Result<Self, String> {
        Ok(Self {
            token: load_role("token")?,
            collection: load_role("collection")?,
            distributor: load_role("distributor")?,
            pool: load_role("pool")?,
            vesting: load_role("vesting")?,
            market: load_role("market")?,
            pow: load_role("pow")?,
            creations: load_role("creations")?,
            factory: load_role("factory")?,
        })
    }
}

/// Uploads the suite's code as `admin`, deploys the factory with `domain`, registers the
/// code hashes. Returns the factory's address.
pub fn deploy_factory(
    chain: &mut Chain,
    bundles: &Bundles,
    admin: &AccountId32,
    domain: u32,
) -> Result<AccountId32, Failure> {
    let mut upload = |bundle: &Bundle| {
        chain
            .upload(bundle, admin)
            .map(|hash| Hash::from(hash.to_fixed_bytes()))
    };
    let hashes = CodeHashes {
        token: upload(&bundles.token)?,
        collection: upload(&bundles.collection)?,
        distributor: upload(&bundles.distributor)?,
        pool: upload(&bundles.pool)?,
        vesting: upload(&bundles.vesting)?,
        market: upload(&bundles.market)?,
        pow: upload(&bundles.pow)?,
        creations: upload(&bundles.creations)?,
    };
    let (factory, _) = chain.deploy(
        &bundles.factory,
        "new",
        (ink_id(admin), domain),
        admin,
        vec![],
    )?;
    let (set, _) = chain.call::<Result<(), FactoryError>>(
        &bundles.factory,
        &factory,
        "set_code_hashes",
        hashes,
        admin,
        0,
    );
    set?.map_err(|error| Failure::Decode(format!("set_code_hashes: {error:?}")))?;
    Ok(factory)
}

/// Sensible parameters for a creator with `ticker` (18 decimals), in a fair launch.
pub fn params(ticker: &str) -> CreatorParams {
    const ONE: u128 = 1_000_000_000_000_000_000;
    CreatorParams {
        name: format!("{ticker} Coin"),
        symbol: ticker.into(),
        decimals: 18,
        cap: 21_000_000 * ONE,
        creator_allocation: 2_000_000 * ONE,
        vesting_cliff: 30 * 86_400_000,
        vesting_duration: 365 * 86_400_000,
        collection_name: format!("{ticker} Drops"),
        collection_symbol: format!("{ticker}D"),
        base_uri: format!("ipfs://{}/", ticker.to_lowercase()),
        treasury_bps: 7_000,
        distributor_bps: 3_000,
        reward_duration: 7 * 86_400_000,
        unstake_cooldown: 0,
        epoch_length: 7 * 86_400_000,
        initial_emission: 100_000 * ONE,
        halving_interval: 26,
        mining_cap: 5_000_000 * ONE,
        max_points_per_account: 1_000,
        dispute_window: 86_400_000,
        // The launch floor: the first whole token costs 0.01 native units (10 decimals) and
        // each whole token the market sells raises it by 0.00001.
        base_price: 100_000_000,
        price_slope: 100_000,
        // 3 % a trade: 1 % to the creator, 1 % to the stakers, 1 % to a named referrer (the
        // stakers' without one); 20 % at launch, decaying over 10 minutes, the excess to the
        // stakers.
        fees: MarketFees {
            creator_bps: 100,
            stakers_bps: 100,
            referrer_bps: 100,
            platform: None,
            launch_bps: 2_000,
            launch_period: 600_000,
        },
        max_tokens_per_call: None,
        pow: pow_params(ONE),
        // Creation mining: a curator reviews within 3 days; an accepted creation earns 100
        // points, at most 1,000 a week for all creations; 3 submissions waiting per fan.
        creations: CreationParams {
            points: 100,
            budget: 1_000,
            review_window: 3 * 86_400_000,
            max_pending: 3,
            open_interval: None,
        },
        mode: LaunchMode::Fair,
    }
}

/// Proof-of-work mining for a token whose whole unit is `one`: 50 tokens a solution, halving
/// every 10,000 solutions, at most 1,000,000 tokens; one solution a minute aimed for, the
/// difficulty (expected hashes per solution, about 2^20 to start: a second of one core)
/// retargeted every 16 solutions, never below 2^12 nor above 2^64.
pub fn pow_params(one: u128) -> PowParams {
    PowParams {
        initial_reward: 50 * one,
        halving_interval: 10_000,
        cap: 1_000_000 * one,
        initial_difficulty: 1 << 20,
        min_difficulty: 1 << 12,
        max_difficulty: 1 << 64,
        solution_time: 60_000,
        retarget_interval: 16,
    }
}

/// [`params`] with the creator's custom powers over the token (`LaunchMode::Custom`: admin,
/// `MINTER`, `BURNER`, `PAUSER`, upgrades), which tests use to hand fans balances directly.
pub fn custom_params(ticker: &str) -> CreatorParams {
    CreatorParams {
        mode: LaunchMode::Custom,
        ..params(ticker)
    }
}

/// `creator` calls `create_creator(params, expected)` on `factory` with a block's worth of
/// weight, expecting the code hashes the factory answers now (as a creator's tool would read
/// them, and the creator review them, before signing).
pub fn create_suite(
    chain: &mut Chain,
    bundles: &Bundles,
    factory: &AccountId32,
    creator: &AccountId32,
    params: CreatorParams,
) -> (Result<Suite, FactoryError>, Receipt) {
    let (hashes, _) =
        chain.call::<Option<CodeHashes>>(&bundles.factory, factory, "code_hashes", (), creator, 0);
    let expected = hashes
        .unwrap_or_else(|failure| panic!("code_hashes: {failure:?}"))
        .unwrap_or_else(|| panic!("the factory has no code hashes"));
    create_suite_expecting(chain, bundles, factory, creator, params, expected)
}

/// `creator` calls `create_creator(params, expected)` on `factory`.
pub fn create_suite_expecting(
    chain: &mut Chain,
    bundles: &Bundles,
    factory: &AccountId32,
    creator: &AccountId32,
    params: CreatorParams,
    expected: CodeHashes,
) -> (Result<Suite, FactoryError>, Receipt) {
    let (answer, receipt) = chain.with_gas_limit(FACTORY_GAS_LIMIT, |chain| {
        chain.call::<Result<Suite, FactoryError>>(
            &bundles.factory,
            factory,
            "create_creator",
            (params, expected),
            creator,
            0,
        )
    });
    let answer = answer.unwrap_or_else(|failure| panic!("create_creator: {failure:?}"));
    (answer, receipt)
}
