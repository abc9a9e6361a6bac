//! What the factory accepts from a creator, checked before anything is instantiated, and what
//! the parameters become: the mining pool's and the market's configurations, in those crates'
//! own types (a field added to either is a compile error here).

use crate::{CreatorParams, FactoryError};
use creation_mining::rules::{Mode, Rules};
use creator_market::{curve::Curve, fees::Rates, FeeConfig, MarketConfig};
use ink::{prelude::string::String, primitives::AccountId};
use mining_pool::{PoolConfig, Settings};
use proof_of_work::PowConfig;
use psp::limits::MAX_COOLDOWN;

/// Basis points in 100 %.
pub const BPS: u16 = 10_000;

/// The most decimals a token may have: a whole token (`10^decimals` units) must fit a `u128`.
pub const MAX_DECIMALS: u8 = 38;

/// Refuses parameters no suite should be built from, with the first reason found, in this
/// order: an empty (or blank) name or symbol, a cap below the creator's allocation plus the
/// pool's and proof of work's caps, shares not summing to 100 %, a bad schedule (zero epoch
/// length or halving interval; an epoch length, dispute window, reward duration or cooldown
/// beyond `psp::limits`), bad proof-of-work parameters, bad creation-mining parameters, a bad
/// market (decimals above 38, a free
/// curve, fees beyond `psp::limits`: 10 % in normal trading, a 25 % launch fee decaying within
/// 7 days). The pool's, proof of work's and the market's bounds are their own checks
/// (`Settings::try_from`, `Rates::is_valid`), called here.
pub fn validate(params: &CreatorParams) -> Result<(), FactoryError> {
    // Blank: `trim().is_empty()`, written so as to leave out `trim`'s code (243 bytes of Wasm).
    let empty = |text: &String| text.chars().all(char::is_whitespace);
    if empty(&params.name)
        || empty(&params.symbol)
        || empty(&params.collection_name)
        || empty(&params.collection_symbol)
    {
        return Err(FactoryError::EmptyName);
    }
    let committed = params
        .creator_allocation
        .checked_add(params.mining_cap)
        .and_then(|committed| committed.checked_add(params.pow.cap));
    if committed.is_none_or(|committed| committed > params.cap) {
        return Err(FactoryError::CapBelowAllocation);
    }
    if params.treasury_bps.checked_add(params.distributor_bps) != Some(BPS) {
        return Err(FactoryError::InvalidShares);
    }
    // The pool's and the market's own checks, so the factory refuses exactly what they would.
    let nobody = AccountId::from([0; 32]);
    if Settings::try_from(pool_config(params, nobody, 0, 0)).is_err()
        || !psp::limits::is_reward_duration(params.reward_duration)
        || params.unstake_cooldown > MAX_COOLDOWN
    {
        return Err(FactoryError::InvalidSchedule);
    }
    if proof_of_work::Settings::try_from(&pow_config(params, nobody, 0)).is_err() {
        return Err(FactoryError::InvalidProofOfWork);
    }
    if creation_rules(params).check().is_err() || params.creations.points > params.creations.budget
    {
        return Err(FactoryError::InvalidCreations);
    }
    if params.decimals > MAX_DECIMALS
        || (params.base_price == 0 && params.price_slope == 0)
        || !Rates::of(&fee_config(params)).is_valid()
    {
        return Err(FactoryError::InvalidMarket);
    }
    Ok(())
}

/// The mining pool's configuration: it mints `token`, its epoch 0 starts at `genesis` (the
/// suite's creation) and its vouchers are bound to the factory's `domain`.
pub fn pool_config(
    params: &CreatorParams,
    token: AccountId,
    genesis: u64,
    domain: u32,
) -> PoolConfig {
    PoolConfig {
        token,
        genesis,
        epoch_length: params.epoch_length,
        initial_emission: params.initial_emission,
        halving_interval: params.halving_interval,
        cap: params.mining_cap,
        max_points_per_account: params.max_points_per_account,
        dispute_window: params.dispute_window,
        domain,
    }
}

/// The proof-of-work contract's configuration: it mints `token` from `start`.
pub fn pow_config(params: &CreatorParams, token: AccountId, start: u64) -> PowConfig {
    let pow = &params.pow;
    PowConfig {
        token,
        start,
        initial_reward: pow.initial_reward,
        halving_interval: pow.halving_interval,
        cap: pow.cap,
        initial_difficulty: pow.initial_difficulty,
        min_difficulty: pow.min_difficulty,
        max_difficulty: pow.max_difficulty,
        solution_time: pow.solution_time,
        retarget_interval: pow.retarget_interval,
    }
}

/// The creation desk's rules, field for field.
pub fn creation_rules(params: &CreatorParams) -> Rules {
    let creations = &params.creations;
    Rules {
        points: creations.points,
        review_window: creations.review_window,
        max_pending: creations.max_pending,
        mode: match creations.open_interval {
            None => Mode::Curated,
            Some(interval) => Mode::Open { interval },
        },
    }
}

/// The market's fee rates, field for field.
pub fn fee_config(params: &CreatorParams) -> FeeConfig {
    let fees = &params.fees;
    FeeConfig {
        creator_bps: fees.creator_bps,
        stakers_bps: fees.stakers_bps,
        referrer_bps: fees.referrer_bps,
        platform: fees.platform,
        launch_bps: fees.launch_bps,
        launch_period: fees.launch_period,
    }
}

/// The market's configuration: a linear launch floor over `token` (a whole token is
/// `10^decimals` units), the creator's share to `creator`, the stakers' to `distributor`.
/// `InvalidMarket` if a whole token does not fit (cannot happen once [`validate`] passed).
pub fn market_config(
    params: &CreatorParams,
    token: AccountId,
    creator: AccountId,
    distributor: AccountId,
) -> Result<MarketConfig, FactoryError> {
    let unit = 10u128
        .checked_pow(u32::from(params.decimals))
        .ok_or(FactoryError::InvalidMarket)?;
    Ok(MarketConfig {
        token,
        unit,
        curve: Curve::Linear {
            base_price: params.base_price,
            slope: params.price_slope,
        },
        creator,
        distributor,
        fees: fee_config(params),
        max_tokens_per_call: params.max_tokens_per_call,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{CreationParams, LaunchMode, MarketFees, PowParams};
    use proptest::prelude::*;
    use psp::limits::{MAX_REWARD_DURATION, MIN_REWARD_DURATION};

    const DAY: u64 = 86_400_000;

    /// Parameters every check accepts.
    pub(crate) fn valid() -> CreatorParams {
        CreatorParams {
            name: "Creator".into(),
            symbol: "CRT".into(),
            decimals: 12,
            cap: 1_000_000,
            creator_allocation: 100_000,
            vesting_cliff: 30 * DAY,
            vesting_duration: 365 * DAY,
            collection_name: "Creator Pass".into(),
            collection_symbol: "PASS".into(),
            base_uri: "ipfs://base/".into(),
            treasury_bps: 7_000,
            distributor_bps: 3_000,
            reward_duration: 7 * DAY,
            unstake_cooldown: DAY,
            epoch_length: DAY,
            initial_emission: 10_000,
            halving_interval: 52,
            mining_cap: 500_000,
            max_points_per_account: 1_000,
            dispute_window: DAY,
            base_price: 1_000,
            price_slope: 10,
            fees: MarketFees {
                creator_bps: 150,
                stakers_bps: 50,
                referrer_bps: 50,
                platform: None,
                launch_bps: 1_000,
                launch_period: DAY,
            },
            max_tokens_per_call: Some(5_000),
            pow: PowParams {
                initial_reward: 50,
                halving_interval: 1_000,
                cap: 100_000,
                initial_difficulty: 1 << 20,
                min_difficulty: 1 << 10,
                max_difficulty: 1 << 60,
                solution_time: 60_000,
                retarget_interval: 16,
            },
            creations: CreationParams {
                points: 10,
                budget: 1_000,
                review_window: 7 * DAY,
                max_pending: 3,
                open_interval: None,
            },
            mode: LaunchMode::Fair,
        }
    }

    fn with(change: impl FnOnce(&mut CreatorParams)) -> Result<(), FactoryError> {
        let mut params = valid();
        change(&mut params);
        validate(&params)
    }

    #[test]
    fn valid_params_pass() {
        assert_eq!(validate(&valid()), Ok(()));
    }

    #[test]
    fn empty_or_blank_names_are_refused() {
        for blank in ["", " ", "\t\n"] {
            assert_eq!(
                with(|p| p.name = blank.into()),
                Err(FactoryError::EmptyName)
            );
            assert_eq!(
                with(|p| p.symbol = blank.into()),
                Err(FactoryError::EmptyName)
            );
            assert_eq!(
                with(|p| p.collection_name = blank.into()),
                Err(FactoryError::EmptyName)
            );
            assert_eq!(
                with(|p| p.collection_symbol = blank.into()),
                Err(FactoryError::EmptyName)
            );
        }
        // The base URI may be empty; a name with spaces around is fine.
        assert_eq!(with(|p| p.base_uri = String::new()), Ok(()));
        assert_eq!(with(|p| p.name = " A ".into()), Ok(()));
    }

    #[test]
    fn cap_must_cover_allocation_pool_and_proof_of_work() {
        // Exactly covered: 100,000 + 500,000 + 100,000.
        assert_eq!(with(|p| p.cap = 700_000), Ok(()));
        assert_eq!(
            with(|p| p.cap = 699_999),
            Err(FactoryError::CapBelowAllocation)
        );
        assert_eq!(
            with(|p| {
                p.cap = 700_000;
                p.pow.cap = 100_001;
            }),
            Err(FactoryError::CapBelowAllocation)
        );
        // The sum overflowing is refused, not wrapped.
        assert_eq!(
            with(|p| {
                p.cap = u128::MAX;
                p.creator_allocation = u128::MAX;
                p.mining_cap = 1;
            }),
            Err(FactoryError::CapBelowAllocation)
        );
        assert_eq!(
            with(|p| {
                p.cap = u128::MAX;
                p.creator_allocation = u128::MAX - 1;
                p.mining_cap = 1;
            }),
            Err(FactoryError::CapBelowAllocation),
            "with proof of work's 100,000 on top"
        );
        assert_eq!(
            with(|p| {
                p.cap = u128::MAX;
                p.creator_allocation = u128::MAX - 1;
                p.mining_cap = 1;
                p.pow.cap = 0;
            }),
            Ok(())
        );
        // Nothing committed: any cap, even zero.
        assert_eq!(
            with(|p| {
                p.cap = 0;
                p.creator_allocation = 0;
                p.mining_cap = 0;
                p.pow.cap = 0;
            }),
            Ok(())
        );
    }

    #[test]
    fn shares_must_sum_to_10_000() {
        assert_eq!(
            with(|p| p.distributor_bps = 2_999),
            Err(FactoryError::InvalidShares)
        );
        assert_eq!(
            with(|p| p.distributor_bps = 3_001),
            Err(FactoryError::InvalidShares)
        );
        assert_eq!(
            with(|p| {
                p.treasury_bps = 10_000;
                p.distributor_bps = 0;
            }),
            Ok(())
        );
        assert_eq!(
            with(|p| {
                p.treasury_bps = 0;
                p.distributor_bps = 10_000;
            }),
            Ok(())
        );
        // A sum that overflows u16 is refused, not wrapped to 10,000.
        assert_eq!(
            with(|p| {
                p.treasury_bps = u16::MAX;
                p.distributor_bps = 10_001;
            }),
            Err(FactoryError::InvalidShares)
        );
    }

    #[test]
    fn schedule_bounds() {
        let refused = Err(FactoryError::InvalidSchedule);
        assert_eq!(with(|p| p.epoch_length = 0), refused);
        assert_eq!(with(|p| p.halving_interval = 0), refused);
        assert_eq!(with(|p| p.reward_duration = 0), refused);
        assert_eq!(with(|p| p.epoch_length = 1), Ok(()));
        assert_eq!(with(|p| p.halving_interval = 1), Ok(()));
        // The bounds shared with the distributor (`psp::limits`), both ends inclusive.
        assert_eq!(MIN_REWARD_DURATION, DAY);
        assert_eq!(
            with(|p| p.reward_duration = MIN_REWARD_DURATION - 1),
            refused
        );
        assert_eq!(with(|p| p.reward_duration = MIN_REWARD_DURATION), Ok(()));
        assert_eq!(MAX_REWARD_DURATION, 365 * DAY);
        assert_eq!(MAX_COOLDOWN, DAY);
        assert_eq!(with(|p| p.reward_duration = MAX_REWARD_DURATION), Ok(()));
        assert_eq!(
            with(|p| p.reward_duration = MAX_REWARD_DURATION + 1),
            refused
        );
        assert_eq!(with(|p| p.unstake_cooldown = MAX_COOLDOWN), Ok(()));
        assert_eq!(with(|p| p.unstake_cooldown = MAX_COOLDOWN + 1), refused);
        assert_eq!(with(|p| p.unstake_cooldown = 0), Ok(()));
        // L-7: the pool's time bounds.
        use psp::limits::{MAX_DISPUTE_WINDOW, MAX_EPOCH_LENGTH};
        assert_eq!(
            (MAX_EPOCH_LENGTH, MAX_DISPUTE_WINDOW),
            (365 * DAY, 30 * DAY)
        );
        assert_eq!(with(|p| p.epoch_length = MAX_EPOCH_LENGTH), Ok(()));
        assert_eq!(with(|p| p.epoch_length = MAX_EPOCH_LENGTH + 1), refused);
        assert_eq!(with(|p| p.dispute_window = MAX_DISPUTE_WINDOW), Ok(()));
        assert_eq!(with(|p| p.dispute_window = MAX_DISPUTE_WINDOW + 1), refused);
        assert_eq!(with(|p| p.dispute_window = u64::MAX), refused);
        // Vesting and dispute window are not bounded here.
        assert_eq!(with(|p| p.vesting_duration = 0), Ok(()));
        assert_eq!(with(|p| p.dispute_window = 0), Ok(()));
    }

    #[test]
    fn market_bounds() {
        let refused = Err(FactoryError::InvalidMarket);
        assert_eq!(with(|p| p.decimals = MAX_DECIMALS), Ok(()));
        assert_eq!(with(|p| p.decimals = MAX_DECIMALS + 1), refused);
        assert_eq!(with(|p| p.decimals = 0), Ok(()));
        assert_eq!(
            with(|p| {
                p.base_price = 0;
                p.price_slope = 0;
            }),
            refused
        );
        assert_eq!(with(|p| p.base_price = 0), Ok(()));
        assert_eq!(with(|p| p.price_slope = 0), Ok(()));
        // L-7 of the security review: the platform-wide fee bounds (`psp::limits`), both
        // ends inclusive; 100 % fees once passed.
        use psp::limits::{MAX_FEE_BPS, MAX_LAUNCH_FEE_BPS, MAX_LAUNCH_PERIOD};
        assert_eq!((MAX_FEE_BPS, MAX_LAUNCH_FEE_BPS), (1_000, 2_500));
        // The four shares together (250 in `valid`).
        assert_eq!(with(|p| p.fees.creator_bps = MAX_FEE_BPS - 100), Ok(()));
        assert_eq!(with(|p| p.fees.creator_bps = MAX_FEE_BPS - 99), refused);
        assert_eq!(with(|p| p.fees.stakers_bps = MAX_FEE_BPS - 199), refused);
        assert_eq!(with(|p| p.fees.referrer_bps = MAX_FEE_BPS - 199), refused);
        let platform = AccountId::from([5; 32]);
        assert_eq!(
            with(|p| p.fees.platform = Some((platform, MAX_FEE_BPS - 250))),
            Ok(())
        );
        assert_eq!(
            with(|p| p.fees.platform = Some((platform, MAX_FEE_BPS - 249))),
            refused
        );
        assert_eq!(with(|p| p.fees.creator_bps = BPS), refused);
        assert_eq!(with(|p| p.fees.launch_bps = MAX_LAUNCH_FEE_BPS), Ok(()));
        assert_eq!(
            with(|p| p.fees.launch_bps = MAX_LAUNCH_FEE_BPS + 1),
            refused
        );
        assert_eq!(with(|p| p.fees.launch_bps = BPS), refused);
        assert_eq!(MAX_LAUNCH_PERIOD, 7 * DAY);
        assert_eq!(with(|p| p.fees.launch_period = MAX_LAUNCH_PERIOD), Ok(()));
        assert_eq!(
            with(|p| p.fees.launch_period = MAX_LAUNCH_PERIOD + 1),
            refused
        );
        assert_eq!(with(|p| p.fees.launch_period = u64::MAX), refused);
        assert_eq!(with(|p| p.max_tokens_per_call = None), Ok(()));
    }

    #[test]
    fn the_first_reason_is_reported() {
        let mut params = valid();
        params.decimals = 39;
        assert_eq!(validate(&params), Err(FactoryError::InvalidMarket));
        params.epoch_length = 0;
        assert_eq!(validate(&params), Err(FactoryError::InvalidSchedule));
        params.distributor_bps = 0;
        assert_eq!(validate(&params), Err(FactoryError::InvalidShares));
        params.cap = 0;
        assert_eq!(validate(&params), Err(FactoryError::CapBelowAllocation));
        params.symbol = String::new();
        assert_eq!(validate(&params), Err(FactoryError::EmptyName));
    }

    #[test]
    fn pool_config_maps_every_field() {
        let params = valid();
        let token = AccountId::from([7; 32]);
        assert_eq!(
            pool_config(&params, token, 1_234, 42),
            PoolConfig {
                token,
                genesis: 1_234,
                epoch_length: DAY,
                initial_emission: 10_000,
                halving_interval: 52,
                cap: 500_000,
                max_points_per_account: 1_000,
                dispute_window: DAY,
                domain: 42,
            }
        );
    }

    #[test]
    fn market_config_maps_every_field() {
        let params = valid();
        let (token, creator) = (AccountId::from([7; 32]), AccountId::from([9; 32]));
        let distributor = AccountId::from([8; 32]);
        assert_eq!(
            market_config(&params, token, creator, distributor),
            Ok(MarketConfig {
                token,
                unit: 1_000_000_000_000,
                curve: Curve::Linear {
                    base_price: 1_000,
                    slope: 10,
                },
                creator,
                distributor,
                fees: FeeConfig {
                    creator_bps: 150,
                    stakers_bps: 50,
                    referrer_bps: 50,
                    platform: None,
                    launch_bps: 1_000,
                    launch_period: DAY,
                },
                max_tokens_per_call: Some(5_000),
            })
        );
        let whole = |decimals| {
            let params = CreatorParams {
                decimals,
                ..valid()
            };
            market_config(&params, token, creator, distributor).map(|config| config.unit)
        };
        assert_eq!(whole(0), Ok(1));
        assert_eq!(whole(MAX_DECIMALS), Ok(10u128.pow(38)));
        assert_eq!(whole(MAX_DECIMALS + 1), Err(FactoryError::InvalidMarket));
    }

    #[test]
    fn proof_of_work_parameters_are_its_own_checks() {
        let refused = Err(FactoryError::InvalidProofOfWork);
        assert_eq!(with(|p| p.pow.initial_reward = 0), refused);
        assert_eq!(with(|p| p.pow.halving_interval = 0), refused);
        assert_eq!(with(|p| p.pow.retarget_interval = 0), refused);
        assert_eq!(with(|p| p.pow.solution_time = 0), refused);
        assert_eq!(with(|p| p.pow.min_difficulty = 0), refused);
        assert_eq!(with(|p| p.pow.initial_difficulty = 1 << 61), refused);
        assert_eq!(with(|p| p.pow.initial_difficulty = 1 << 9), refused);
        let (token, start) = (AccountId::from([7; 32]), 123);
        let config = pow_config(&valid(), token, start);
        assert_eq!((config.token, config.start), (token, start));
        assert_eq!(
            (config.initial_reward, config.halving_interval, config.cap),
            (50, 1_000, 100_000)
        );
        assert_eq!(
            (
                config.initial_difficulty,
                config.min_difficulty,
                config.max_difficulty
            ),
            (1 << 20, 1 << 10, 1 << 60)
        );
        assert_eq!(
            (config.solution_time, config.retarget_interval),
            (60_000, 16)
        );
    }

    #[test]
    fn creation_parameters_are_the_desk_s_own_checks() {
        let refused = Err(FactoryError::InvalidCreations);
        assert_eq!(with(|p| p.creations.points = 0), refused);
        assert_eq!(
            with(|p| p.creations.points = 1_001),
            refused,
            "above the budget"
        );
        assert_eq!(with(|p| p.creations.review_window = 0), refused);
        assert_eq!(with(|p| p.creations.max_pending = 0), refused);
        assert_eq!(with(|p| p.creations.max_pending = 17), refused);
        assert_eq!(with(|p| p.creations.open_interval = Some(1)), refused);
        assert_eq!(
            with(|p| p.creations.open_interval = Some(3_600_000)),
            Ok(())
        );
        let rules = creation_rules(&valid());
        assert_eq!(
            (
                rules.points,
                rules.review_window,
                rules.max_pending,
                rules.mode
            ),
            (10, 7 * DAY, 3, Mode::Curated)
        );
    }

    proptest! {
        /// The cap check is exactly "allocation + pool cap + proof-of-work cap, without
        /// overflow, within the cap".
        #[test]
        fn cap_check_matches_its_definition(
            cap: u128,
            allocation: u128,
            mining: u128,
            pow: u128,
        ) {
            let result = with(|p| {
                p.cap = cap;
                p.creator_allocation = allocation;
                p.mining_cap = mining;
                p.pow.cap = pow;
            });
            let fits = allocation
                .checked_add(mining)
                .and_then(|sum| sum.checked_add(pow))
                .is_some_and(|sum| sum <= cap);
            prop_assert_eq!(result.is_ok(), fits);
            if !fits {
                prop_assert_eq!(result, Err(FactoryError::CapBelowAllocation));
            }
        }

        /// Shares pass exactly when they sum to 10,000 (in wide arithmetic).
        #[test]
        fn share_check_matches_its_definition(treasury: u16, distributor: u16) {
            let result = with(|p| {
                p.treasury_bps = treasury;
                p.distributor_bps = distributor;
            });
            let sums = u32::from(treasury) + u32::from(distributor) == 10_000;
            prop_assert_eq!(result, if sums { Ok(()) } else { Err(FactoryError::InvalidShares) });
        }

        /// "Blank" is `trim().is_empty()`: every character Unicode whitespace.
        #[test]
        fn blank_means_trimmed_empty(name in "[ a\t\n\u{85}\u{a0}\u{2028}\u{3000}\u{200b}]{0,4}") {
            let result = with(|p| p.name = name.clone());
            let blank = name.trim().is_empty();
            prop_assert_eq!(result, if blank { Err(FactoryError::EmptyName) } else { Ok(()) });
        }

        /// Whatever passes `validate` yields a market configuration whose unit is 10^decimals.
        #[test]
        fn validated_params_always_configure_a_market(decimals in 0u8..=255, base: u128, slope: u128) {
            let params = CreatorParams { decimals, base_price: base, price_slope: slope, ..valid() };
            if validate(&params).is_ok() {
                let config = market_config(&params, AccountId::from([1; 32]), AccountId::from([2; 32]), AccountId::from([3; 32]));
                prop_assert_eq!(config.map(|c| c.unit), Ok(10u128.pow(u32::from(decimals))));
            } else {
                prop_assert!(decimals > MAX_DECIMALS || (base == 0 && slope == 0));
            }
        }
    }
}
