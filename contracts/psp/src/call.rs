//! Calls to other contracts' standard messages (PSP22, `AccessControl`, `Ownable`): the one
//! typed path every contract of the suite uses (the role OpenZeppelin's `SafeERC20` plays), so
//! no contract builds a call from a selector.
//!
//! Each function takes the message's typed arguments and calls with `try_invoke`, so every
//! outcome is typed: the callee's own refusal is [`CallError::Refused`] with the trait's error
//! (`PSP22Error`, `AccessControlError`, `OwnableError`); a call that did not complete (the
//! callee trapped, is not a contract, answered bytes that do not decode, or is the calling
//! contract itself) is [`CallError::Failed`]. A contract maps both into its own error type with
//! `From`.

use crate::access::{AccessControlError, OwnableError, RoleType};
use crate::psp22::PSP22Error;
use ink::env::{
    call::{build_call, ExecutionInput, Selector},
    DefaultEnvironment,
};
use ink::{prelude::vec::Vec, primitives::AccountId, scale};

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

impl CallFailure {
    /// Every failure, for tests that map each one.
    pub const ALL: [Self; 5] = [
        Self::SelfCall,
        Self::Trapped,
        Self::NotAContract,
        Self::Undecodable,
        Self::Other,
    ];
}

/// The outcome of a call that did not succeed; `E` is the called trait's error.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum CallError<E = PSP22Error> {
    /// The callee answered with a refusal.
    Refused(E),
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

/// Flattens `try_invoke`'s nested result of a message returning `Result<T, E>`.
fn settle<T, E>(
    answer: Result<ink::MessageResult<Result<T, E>>, ink::env::Error>,
) -> Result<T, CallError<E>> {
    answer
        .map_err(|error| CallError::Failed(error.into()))?
        .map_err(|_| CallError::Failed(CallFailure::Undecodable))?
        .map_err(CallError::Refused)
}

/// Calls `selector` on `callee` with `args`, for a message answering `Result<T, E>`.
///
/// The one place a call is assembled. The selectors are the traits' own (`Trait::message`,
/// the names `#[ink::trait_definition]` hashes; `tests` pins them against the generated call
/// builders), or, for a suite contract's own message, `ink::selector_bytes!("name")` (the
/// caller's Wasm tests pin those); `args` are the message's arguments in order, as a tuple. Measured: one builder shared
/// by messages of the same argument types keeps a contract's Wasm at the size of the
/// hand-written calls it replaces, where one `contract_ref!` builder per message added up to
/// 4 % (the market's `mint` and `burn`).
pub fn invoke<Args: scale::Encode, T: scale::Decode, E: scale::Decode>(
    callee: AccountId,
    selector: [u8; 4],
    args: Args,
) -> Result<T, CallError<E>> {
    ensure_other(callee).map_err(CallError::Failed)?;
    settle(
        build_call::<DefaultEnvironment>()
            .call(callee)
            .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(args))
            .returns::<Result<T, E>>()
            .try_invoke(),
    )
}

/// `PSP22::transfer(to, value, [])` on `token`, from the executing contract's balance.
pub fn transfer(token: AccountId, to: AccountId, value: u128) -> Result<(), CallError> {
    invoke(
        token,
        ink::selector_bytes!("PSP22::transfer"),
        (to, value, Vec::<u8>::new()),
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
    invoke(
        token,
        ink::selector_bytes!("PSP22::transfer_from"),
        (from, to, value, Vec::<u8>::new()),
    )
}

/// `PSP22::balance_of(owner)` on `token`.
pub fn balance_of(token: AccountId, owner: AccountId) -> Result<u128, CallError> {
    read_u128(
        token,
        ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22::balance_of")))
            .push_arg(owner),
    )
}

/// `PSP22::total_supply()` on `token`.
pub fn total_supply(token: AccountId) -> Result<u128, CallError> {
    read_u128(
        token,
        ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22::total_supply"))),
    )
}

/// A PSP22 view answering a bare `u128` (no `Result`): a call that fails or answers
/// something else is `Failed`.
fn read_u128<Args: scale::Encode>(
    token: AccountId,
    input: ExecutionInput<Args>,
) -> Result<u128, CallError> {
    ensure_other(token).map_err(CallError::Failed)?;
    build_call::<DefaultEnvironment>()
        .call(token)
        .exec_input(input)
        .returns::<u128>()
        .try_invoke()
        .map_err(|error| CallError::Failed(error.into()))?
        .map_err(|_| CallError::Failed(CallFailure::Undecodable))
}

/// `PSP22Mintable::mint(account, amount)` on `token` (the executing contract needs `MINTER`).
pub fn mint(token: AccountId, account: AccountId, amount: u128) -> Result<(), CallError> {
    invoke(
        token,
        ink::selector_bytes!("PSP22Mintable::mint"),
        (account, amount),
    )
}

/// `PSP22Burnable::burn(account, amount)` on `token` (the executing contract needs `BURNER`).
pub fn burn(token: AccountId, account: AccountId, amount: u128) -> Result<(), CallError> {
    invoke(
        token,
        ink::selector_bytes!("PSP22Burnable::burn"),
        (account, amount),
    )
}

/// `AccessControl::grant_role(role, Some(account))` on `contract` (the executing contract
/// needs the admin role there).
pub fn grant_role(
    contract: AccountId,
    role: RoleType,
    account: AccountId,
) -> Result<(), CallError<AccessControlError>> {
    invoke(
        contract,
        ink::selector_bytes!("AccessControl::grant_role"),
        (role, Some(account)),
    )
}

/// `AccessControl::renounce_role(role, Some(self))` on `contract`: the executing contract gives
/// up its own `role` there.
pub fn renounce_role(
    contract: AccountId,
    role: RoleType,
) -> Result<(), CallError<AccessControlError>> {
    let this = ink::env::account_id::<DefaultEnvironment>();
    invoke(
        contract,
        ink::selector_bytes!("AccessControl::renounce_role"),
        (role, Some(this)),
    )
}

/// `Ownable::transfer_ownership(Some(new_owner))` on `contract` (the executing contract must
/// own it).
pub fn transfer_ownership(
    contract: AccountId,
    new_owner: AccountId,
) -> Result<(), CallError<OwnableError>> {
    invoke(
        contract,
        ink::selector_bytes!("Ownable::transfer_ownership"),
        Some(new_owner),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{AccessControl, Ownable};
    use crate::psp22::{PSP22Burnable, PSP22Mintable, PSP22};
    use ink::codegen::TraitCallBuilder;

    use ink::env::call::{
        utils::{ReturnType, Set},
        Call, CallBuilder,
    };

    /// A `contract_ref!` message call, ready to invoke.
    type MessageCall<Args, R> = CallBuilder<
        DefaultEnvironment,
        Set<Call<DefaultEnvironment>>,
        Set<ExecutionInput<Args>>,
        Set<ReturnType<R>>,
    >;

    /// The selector a `contract_ref!` call builder puts first in its input.
    fn selector_of<Args, R>(call: MessageCall<Args, R>) -> [u8; 4]
    where
        Args: scale::Encode,
    {
        let params = call.params();
        let input = scale::Encode::encode(params.exec_input());
        let mut selector = [0; 4];
        selector.copy_from_slice(&input[..4]);
        selector
    }

    #[test]
    fn the_selectors_are_the_traits_own() {
        let account = AccountId::from([1; 32]);
        let mut psp22: ink::contract_ref!(PSP22, DefaultEnvironment) = account.into();
        let mut mintable: ink::contract_ref!(PSP22Mintable, DefaultEnvironment) = account.into();
        let mut burnable: ink::contract_ref!(PSP22Burnable, DefaultEnvironment) = account.into();
        assert_eq!(
            selector_of(psp22.call_mut().transfer(account, 1, Vec::new())),
            ink::selector_bytes!("PSP22::transfer")
        );
        assert_eq!(
            selector_of(
                psp22
                    .call_mut()
                    .transfer_from(account, account, 1, Vec::new())
            ),
            ink::selector_bytes!("PSP22::transfer_from")
        );
        assert_eq!(
            selector_of(psp22.call().balance_of(account)),
            ink::selector_bytes!("PSP22::balance_of")
        );
        assert_eq!(
            selector_of(mintable.call_mut().mint(account, 1)),
            ink::selector_bytes!("PSP22Mintable::mint")
        );
        assert_eq!(
            selector_of(burnable.call_mut().burn(account, 1)),
            ink::selector_bytes!("PSP22Burnable::burn")
        );
        let mut access: ink::contract_ref!(AccessControl, DefaultEnvironment) = account.into();
        let mut ownable: ink::contract_ref!(Ownable, DefaultEnvironment) = account.into();
        assert_eq!(
            selector_of(access.call_mut().grant_role(1, Some(account))),
            ink::selector_bytes!("AccessControl::grant_role")
        );
        assert_eq!(
            selector_of(access.call_mut().renounce_role(1, Some(account))),
            ink::selector_bytes!("AccessControl::renounce_role")
        );
        assert_eq!(
            selector_of(ownable.call_mut().transfer_ownership(Some(account))),
            ink::selector_bytes!("Ownable::transfer_ownership")
        );
    }
}
