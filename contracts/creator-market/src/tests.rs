//! The market's own rules on the off-chain environment: configuration, the fee in force, and
//! the refusals that come before any token call (every quote reads the token's supply, which
//! the off-chain environment cannot call). Trades that mint and burn run on the compiled
//! Wasm (`e2e-tests/tests/creator_market.rs`); the curve and the fees have their own tests.

use crate::creator_market::CreatorMarket;
use crate::curve::Curve;
use crate::{FeeConfig, MarketConfig, MarketError as Error};
use ink::env::{test, DefaultEnvironment};
use ink::primitives::AccountId;
use psp::{CallError, CallFailure, PSP22Error};

fn config() -> MarketConfig {
    let accounts = test::default_accounts::<DefaultEnvironment>();
    MarketConfig {
        token: accounts.frank,
        unit: 1_000_000,
        curve: Curve::Linear {
            base_price: 1_000,
            slope: 10,
        },
        creator: accounts.alice,
        distributor: accounts.eve,
        fees: FeeConfig {
            creator_bps: 200,
            stakers_bps: 100,
            referrer_bps: 100,
            platform: Some((accounts.django, 100)),
            launch_bps: 2_500,
            launch_period: 600_000,
        },
        max_tokens_per_call: Some(50_000_000),
    }
}

#[ink::test]
fn configuration_is_validated() {
    let fees = |change: fn(&mut FeeConfig)| {
        let mut config = config();
        change(&mut config.fees);
        config
    };
    let bad = [
        fees(|f| f.creator_bps = 9_900),
        fees(|f| f.creator_bps = 701),
        fees(|f| f.stakers_bps = 601),
        fees(|f| f.referrer_bps = 601),
        fees(|f| f.platform = Some((AccountId::from([1; 32]), 601))),
        fees(|f| f.launch_bps = 2_501),
        fees(|f| f.launch_period = u64::MAX),
        MarketConfig {
            unit: 0,
            ..config()
        },
        MarketConfig {
            curve: Curve::Linear {
                base_price: 0,
                slope: 0,
            },
            ..config()
        },
    ];
    for config in bad {
        assert!(matches!(
            CreatorMarket::new(config),
            Err(Error::InvalidConfig)
        ));
    }
    assert!(
        CreatorMarket::new(fees(|f| f.creator_bps = 700)).is_ok(),
        "10 % exactly"
    );
    let market = CreatorMarket::new(config()).expect("valid");
    assert_eq!(market.config(), config());
}

#[ink::test]
fn the_launch_fee_decays_to_the_normal_fee() {
    test::set_block_timestamp::<DefaultEnvironment>(1_000);
    let market = CreatorMarket::new(config()).expect("valid");
    assert_eq!(market.fee_bps(), 2_500);
    test::set_block_timestamp::<DefaultEnvironment>(1_000 + 300_000);
    assert_eq!(market.fee_bps(), 500 + 1_000, "half way");
    test::set_block_timestamp::<DefaultEnvironment>(1_000 + 600_000);
    assert_eq!(market.fee_bps(), 500);
}

#[ink::test]
fn refusals_before_any_token_call() {
    let mut market = CreatorMarket::new(config()).expect("valid");
    assert_eq!(market.buy(0, u64::MAX, None), Err(Error::ZeroValue));
    test::set_value_transferred::<DefaultEnvironment>(1_000_000);
    test::set_block_timestamp::<DefaultEnvironment>(10);
    assert_eq!(market.buy(0, 9, None), Err(Error::Expired));
    test::set_value_transferred::<DefaultEnvironment>(0);
    assert_eq!(market.sell(0, 0, 10, None), Err(Error::ZeroValue));
    assert_eq!(market.sell(1, 0, 9, None), Err(Error::Expired));
    let nobody = AccountId::from([3; 32]);
    assert_eq!(market.withdraw_fees(nobody), Err(Error::NoFees));
    assert_eq!(market.fees_of(nobody), 0);
}

#[test]
fn token_refusals_and_failures_map_to_the_market_errors() {
    let refused = CallError::Refused(PSP22Error::Custom("P::Paused".into()));
    assert_eq!(
        Error::from(refused),
        Error::Token(PSP22Error::Custom("P::Paused".into()))
    );
    for failure in CallFailure::ALL {
        assert_eq!(
            Error::from(CallError::Failed(failure)),
            Error::TokenCallFailed
        );
    }
}
