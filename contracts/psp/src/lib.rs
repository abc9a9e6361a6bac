//! Shared building blocks of the creator-token suite.
//!
//! * [`psp22`]: the PSP22 standard (traits with the standard selectors, `PSP22Error`, events)
//!   plus OpenBrush's extension traits (`PSP22Mintable`, `PSP22Burnable`, `PSP22Capped`), and
//!   [`psp22::PSP22Data`], the balance ledger whose methods take the caller and return events.
//! * [`access`]: `Ownable`, `AccessControl` and `Pausable` with OpenBrush's trait names,
//!   selectors, errors and events, and the [`access::Roles`] data they keep.
//! * [`math`]: checked arithmetic that never panics.
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
pub mod math;
pub mod psp22;

pub use access::{
    AccessControl, AccessControlError, Ownable, OwnableError, Pausable, PausableError, RoleType,
    Roles, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
};
pub use psp22::{
    PSP22Burnable, PSP22Capped, PSP22Data, PSP22Error, PSP22Event, PSP22Metadata, PSP22Mintable,
    PSP22,
};
