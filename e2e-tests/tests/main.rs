//! Every integration test on the compiled Wasm, in one test binary: each file of this
//! directory is a module. One binary links the sandbox runtime (a test executable of about
//! 75 MB) once instead of once per file, which keeps CI's disk and link time in bounds. Run one
//! file's tests with a filter: `cargo test -p e2e-tests --test e2e authorization::`.
//!
//! The exception is `existential_deposit.rs`, a test binary of its own: its `construct_runtime!`
//! adds a test that installs a global logger, which would take the place of the host-call
//! trace `hostile_tokens.rs` installs.

mod authorization;
mod bad_inputs;
mod creation_mining;
mod creator_factory;
mod creator_market;
mod creator_nft;
mod creator_token;
mod event_fixtures;
mod fair_economy;
mod hostile_tokens;
mod mining_pool;
mod proof_of_work;
mod reward_distributor;
mod security;
mod split;
mod upgrades;
