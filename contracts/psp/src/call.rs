//! Calls to other contracts' PSP22 tokens: the one typed path every contract of the suite uses
//! (the role OpenZeppelin's `SafeERC20` plays), so no contract builds a call from a selector.
//!
//! Each function goes through the trait's generated call builder (`contract_ref!`) with
//! `try_invoke`, so every outcome is typed: the token's own refusal is
//! [`CallError::Refused`] with its `PSP22Error`; a call that did not complete (the callee
//! trapped, is not a contract, answered bytes that do not decode, or is the calling contract
//! itself) is [`CallError::Failed`]. A contract maps both into its own error type with `From`.

use crate::psp22::{PSP22Burnable, PSP22Error, PSP22Mintable, PSP22};
use ink::primitives::AccountId;
use ink::{codegen::TraitCallBuilder, env::DefaultEnvironment, prelude::vec::Vec};

/// Why a call to another contract did not complete.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum CallFailure {
    /// The callee is the calling contract: the runtime would refuse it as re-entrance, a trap
    /// that no error could report, so the call is never made.
    SelfCall,
    /// The callee trapped (ran out of gas, panicked, or was itself refused re-entrance).
    Trapped,
    /// No contract lives at the address.
    NotAContract,
    /// The callee answered, but not with the declared type (or with ink!'s `LangError`: no
    /// such message).
    Undecodable,
    /// Any other runtime refusal.
    Other,
}

/// The outcome of a PSP22 call that did not succeed.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum CallError {
    /// The token answered with a refusal.
    Refused(PSP22Error),
    /// The call did not complete.
    Failed(CallFailure),
}

impl From<ink::env::Error> for CallFailure {
    fn from(error: ink::env::Error) -> Self {
        use ink::env::{Error, ReturnErrorCode};
        match error {
            Error::ReturnError(ReturnErrorCode::CalleeTrapped) => Self::Trapped,
            Error::ReturnError(ReturnErrorCode::NotCallable | ReturnErrorCode::CodeNotFound) => {
                Self::NotAContract
            }
            Error::Decode(_) => Self::Undecodable,
            _ => Self::Other,
        }
    }
}

/// Refuses a call to the executing contract itself (see [`CallFailure::SelfCall`]).
fn ensure_other(callee: AccountId) -> Result<(), CallFailure> {
    if callee == ink::env::account_id::<DefaultEnvironment>() {
        return Err(CallFailure::SelfCall);
    }
    Ok(())
}

/// Flattens `try_invoke`'s nested result of a message returning `Result<T, PSP22Error>`.
fn settle<T>(
    answer: Result<ink::MessageResult<Result<T, PSP22Error>>, ink::env::Error>,
) -> Result<T, CallError> {
    answer
        .map_err(|error| CallError::Failed(error.into()))?
        .map_err(|_| CallError::Failed(CallFailure::Undecodable))?
        .map_err(CallError::Refused)
}

/// `PSP22::transfer(to, value, [])` on `token`, from the executing contract's balance.
pub fn transfer(token: AccountId, to: AccountId, value: u128) -> Result<(), CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    let mut token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    settle(
        token
            .call_mut()
            .transfer(to, value, Vec::new())
            .try_invoke(),
    )
}

/// `PSP22::transfer_from(from, to, value, [])` on `token`, spending the executing contract's
/// allowance from `from`.
pub fn transfer_from(
    token: AccountId,
    from: AccountId,
    to: AccountId,
    value: u128,
) -> Result<(), CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    let mut token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    settle(
        token
            .call_mut()
            .transfer_from(from, to, value, Vec::new())
            .try_invoke(),
    )
}

/// `PSP22::balance_of(owner)` on `token`.
pub fn balance_of(token: AccountId, owner: AccountId) -> Result<u128, CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    let token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    token
        .call()
        .balance_of(owner)
        .try_invoke()
        .map_err(|error| CallError::Failed(error.into()))?
        .map_err(|_| CallError::Failed(CallFailure::Undecodable))
}

/// `PSP22Mintable::mint(account, amount)` on `token` (the executing contract needs `MINTER`).
pub fn mint(token: AccountId, account: AccountId, amount: u128) -> Result<(), CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    let mut token: ink::contract_ref!(PSP22Mintable, DefaultEnvironment) = token.into();
    settle(token.call_mut().mint(account, amount).try_invoke())
}

/// `PSP22Burnable::burn(account, amount)` on `token` (the executing contract needs `BURNER`).
pub fn burn(token: AccountId, account: AccountId, amount: u128) -> Result<(), CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    let mut token: ink::contract_ref!(PSP22Burnable, DefaultEnvironment) = token.into();
    settle(token.call_mut().burn(account, amount).try_invoke())
}
