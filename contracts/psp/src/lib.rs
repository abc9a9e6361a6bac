//! Shared building blocks of the creator-token suite.
//!
//! * [`psp22`]: the PSP22 standard (traits with the standard selectors, `PSP22Error`, events)
//!   plus OpenBrush's extension traits (`PSP22Mintable`, `PSP22Burnable`, `PSP22Capped`), and
//!   [`psp22::PSP22Data`], the balance ledger whose methods take the caller and return events.
//! * [`access`]: `Ownable`, `AccessControl` and `Pausable` with OpenBrush's trait names,
//!   selectors, errors and events, and the [`access::Roles`] data they keep.
//! * [`psp34`]: the PSP34 standard with OpenBrush's `Id`, errors and extensions, and
//!   [`psp34::PSP34Data`], an enumerable NFT ledger with O(1) lookups.
//! * [`merkle`]: Merkle proofs (double-hashed leaves, sorted pairs) and an off-chain tree builder.
//! * [`upgrade`]: time-locked `set_code_hash` upgrades (`Upgradeable`).
//! * [`math`]: checked arithmetic that never panics.
//! * [`call`]: the one typed path for calls to other contracts' PSP22 messages.
//! * [`emit`]: event emission for data cores and shared parts.
//! * [`split`]: the hot/full code split, so a fan's call loads only the code it runs.
//!
//! Features `psp22-token` and `psp34-collection` bring in each standard's ledger and events; a
//! contract enables only what it implements, so its metadata lists only events it can emit.
//!
//! Contracts implement the traits in thin shells: check, call the data struct, emit its events.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod access;
pub mod call;
pub mod emit;
pub mod limits;
pub mod math;
pub mod merkle;
pub mod psp22;
pub mod psp34;
pub mod split;
pub mod upgrade;

#[cfg(feature = "std")]
pub mod testing;

pub use access::{
    AccessControl, AccessControlError, Ownable, OwnableError, Ownership, Pausable, PausableError,
    PauseClock, RoleType, Roles, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
};
pub use call::{CallError, CallFailure};
pub use emit::{emit, emit_ok};
pub use psp22::{PSP22Burnable, PSP22Capped, PSP22Error, PSP22Metadata, PSP22Mintable, PSP22};
#[cfg(feature = "psp22-token")]
pub use psp22::{PSP22Data, PSP22Events};
pub use psp34::{
    Id, PSP34Burnable, PSP34Enumerable, PSP34Error, PSP34Metadata, PSP34Mintable, PSP34,
};
#[cfg(feature = "psp34-collection")]
pub use psp34::{PSP34Data, PSP34Event};
pub use upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable};
