//! Event emission from outside a contract module, so data cores and shared parts can finish
//! their job: a shell message becomes one call (`psp::emit_ok(self.roles.grant(..))`).

use ink::env::{DefaultEnvironment, Event};

/// Emits `event` from the executing contract.
pub fn emit<E: Event>(event: E) {
    ink::env::emit_event::<DefaultEnvironment, E>(event)
}

/// Emits the event of a successful change and answers `Ok(())`; an error passes through.
pub fn emit_ok<E: Event, Error>(result: Result<E, Error>) -> Result<(), Error> {
    result.map(emit)
}
