//! The market's own rules on the off-chain environment: configuration, the fee in force, and
//! the refusals that come before any token call. Trades that mint and burn run on the compiled
//! Wasm (`e2e-tests/tests/creator_market.rs`); the curve and the fees have their own tests.

use crate::creator_market::CreatorMarket;
use crate::curve::Curve;
use crate::{MarketConfig, MarketError as Error};
use ink::env::{test, DefaultEnvironment};
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
        creator_fee_bps: 300,
        platform: Some((accounts.django, 200)),
        launch_fee_bps: 2_500,
        launch_period: 600_000,
        max_tokens_per_call: Some(50_000_000),
    }
}

#[ink::test]
fn configuration_is_validated() {
    let bad = [
        MarketConfig {
            creator_fee_bps: 9_900,
            ..config()
        },
        MarketConfig {
            creator_fee_bps: 801,
            ..config()
        },
        MarketConfig {
            launch_fee_bps: 2_501,
            ..config()
        },
        MarketConfig {
            launch_period: u64::MAX,
            ..config()
        },
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
    let market = CreatorMarket::new(config()).expect("valid");
    assert_eq!(market.state(), (0, 0, 1_000));
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
    assert_eq!(market.buy(0, u64::MAX), Err(Error::ZeroValue));
    test::set_value_transferred::<DefaultEnvironment>(1_000_000);
    test::set_block_timestamp::<DefaultEnvironment>(10);
    assert_eq!(market.buy(0, 9), Err(Error::Expired));
    assert_eq!(market.buy(u128::MAX, 10), Err(Error::Slippage));
    test::set_value_transferred::<DefaultEnvironment>(1);
    assert_eq!(market.buy(0, 10), Err(Error::TooLittle));
    test::set_value_transferred::<DefaultEnvironment>(0);
    assert_eq!(market.sell(0, 0, 10), Err(Error::ZeroValue));
    assert_eq!(market.sell(1, 0, 9), Err(Error::Expired));
    assert_eq!(market.sell(1, 0, 10), Err(Error::InsufficientSupply));
    assert_eq!(market.quote_sell(1), Err(Error::InsufficientSupply));
    assert_eq!(market.withdraw_fees(), Err(Error::NoFees));
    let quote = market.quote_buy(1_000_000).expect("quote");
    assert!(quote.tokens <= 50_000_000, "per-call cap");
}

#[ink::test]
fn a_market_that_is_its_own_token_answers_a_typed_error() {
    let itself = ink::env::account_id::<DefaultEnvironment>();
    let mut market = CreatorMarket::new(MarketConfig {
        token: itself,
        ..config()
    })
    .expect("valid");
    test::set_value_transferred::<DefaultEnvironment>(1_000_000);
    assert_eq!(market.buy(0, u64::MAX), Err(Error::TokenCallFailed));
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
