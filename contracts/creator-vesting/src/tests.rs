//! The wallet's schedule (`vested`) and its own rules on the off-chain environment. Releases
//! that move tokens run on the compiled Wasm (`e2e-tests`).

use crate::creator_vesting::CreatorVesting;
use crate::{vested, VestingError as Error};
use ink::env::{test, DefaultEnvironment};
use psp::{CallError, CallFailure, PSP22Error};

#[test]
fn linear_after_the_cliff() {
    assert_eq!(vested(1_000, 100, 50, 1_000, 99), 0);
    assert_eq!(vested(1_000, 100, 50, 1_000, 149), 0, "before the cliff");
    assert_eq!(
        vested(1_000, 100, 50, 1_000, 150),
        50,
        "the cliff releases the elapsed share"
    );
    assert_eq!(vested(1_000, 100, 50, 1_000, 600), 500);
    assert_eq!(vested(1_000, 100, 50, 1_000, 1_100), 1_000);
    assert_eq!(vested(1_000, 100, 50, 1_000, u64::MAX), 1_000);
    assert_eq!(vested(u128::MAX, 0, 0, 3, 1), u128::MAX / 3);
    assert_eq!(vested(7, 0, 10, 5, 9), 0, "cliff longer than the duration");
    assert_eq!(vested(7, 0, 10, 5, 10), 7);
    assert_eq!(vested(7, 0, 0, 0, 0), 7, "zero duration vests at once");
}

#[ink::test]
fn only_the_beneficiary_renames_the_beneficiary() {
    let accounts = test::default_accounts::<DefaultEnvironment>();
    test::set_caller::<DefaultEnvironment>(accounts.alice);
    let mut wallet = CreatorVesting::new(accounts.frank, accounts.bob, 0, 10, 100);
    assert_eq!(
        wallet.set_beneficiary(accounts.alice),
        Err(Error::NotBeneficiary)
    );
    test::set_caller::<DefaultEnvironment>(accounts.bob);
    // I-3 of the security review: the wallet itself would lock the tokens for good.
    let itself = ink::env::account_id::<DefaultEnvironment>();
    assert_eq!(wallet.set_beneficiary(itself), Err(Error::WalletItself));
    assert_eq!(wallet.set_beneficiary(accounts.charlie), Ok(()));
    assert_eq!(wallet.beneficiary(), accounts.charlie);
    assert_eq!(
        wallet.set_beneficiary(accounts.bob),
        Err(Error::NotBeneficiary)
    );
    assert_eq!(wallet.schedule(), (accounts.frank, 0, 10, 100));
    assert_eq!(wallet.released(), 0);
}

#[ink::test]
fn a_wallet_that_is_its_own_token_answers_a_typed_error() {
    let accounts = test::default_accounts::<DefaultEnvironment>();
    let itself = ink::env::account_id::<DefaultEnvironment>();
    let mut wallet = CreatorVesting::new(itself, accounts.bob, 0, 0, 0);
    assert_eq!(wallet.releasable(), Err(Error::TokenCallFailed));
    assert_eq!(wallet.release(), Err(Error::TokenCallFailed));
}

#[test]
fn token_refusals_and_failures_map_to_the_wallet_errors() {
    let refused = CallError::Refused(PSP22Error::InsufficientBalance);
    assert_eq!(
        Error::from(refused),
        Error::Token(PSP22Error::InsufficientBalance)
    );
    for failure in CallFailure::ALL {
        assert_eq!(
            Error::from(CallError::Failed(failure)),
            Error::TokenCallFailed
        );
    }
}
