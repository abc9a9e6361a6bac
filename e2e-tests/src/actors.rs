//! The cast every test and the demo share: one account per part in a creator economy, so a
//! test says `fan()` where it means a fan. Accounts 1..=9 hold [`crate::ENDOWMENT`] of the
//! native currency on a fresh [`crate::Chain`] (account 1, the sandbox's default, holds more).

use crate::{account, ink_id, AccountId32};
use ink::primitives::AccountId;

/// Runs the platform: deploys the factory and registers the code (account 1).
pub fn platform() -> AccountId32 {
    account(1)
}

/// The creator whose economy the test builds (account 2).
pub fn creator() -> AccountId32 {
    account(2)
}

/// A fan: buys, collects, stakes, mines (account 3).
pub fn fan() -> AccountId32 {
    account(3)
}

/// A second fan (account 4).
pub fn other_fan() -> AccountId32 {
    account(4)
}

/// Someone the creator grants a role, or a fan approves (account 5).
pub fn delegate() -> AccountId32 {
    account(5)
}

/// An account with no role and no tokens; [`crate::Chain::read`] calls as it (account 6).
pub fn nobody() -> AccountId32 {
    account(6)
}

/// Deploys the hostile token and tries to steal (account 7).
pub fn attacker() -> AccountId32 {
    account(7)
}

/// Receives proceeds: a treasury or a fee recipient (account 8).
pub fn treasury() -> AccountId32 {
    account(8)
}

/// The ink! id of `actor` (an argument to a message).
pub fn id(actor: fn() -> AccountId32) -> AccountId {
    ink_id(&actor())
}
