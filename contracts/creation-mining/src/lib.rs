//! # Creation mining
//!
//! Fans mine the creator's token by making things: a fan submits a creation (the hash of its
//! content and a metadata URI); a curator accepts or rejects it within the review window.
//! Acceptance mints the NFT to the fan in the creator's collection (item `Id::Bytes` of the
//! content hash, the fan its creator and royalty receiver: `creator_nft::mint_creation`) and
//! credits the fan's points in the mining pool's current epoch through the pool's creations
//! project, which this desk leads; the pool mints the token when the epoch's points are claimed.
//!
//! * A content hash is mined once: while it waits for review nobody can submit it again, and
//!   once minted never (the collection refuses the id too, even after a burn). A rejected or
//!   expired hash is free again.
//! * Budgets: the pool's `max_points_per_account` per fan per epoch and the creations project's
//!   budget per epoch (the per-collection budget); an acceptance beyond either is refused as a
//!   whole (`Credit`), nothing minted, and can be retried in the next epoch within the window.
//! * Spam: each account may have at most `max_pending` submissions waiting (1 to 16). A cap
//!   rather than a deposit in the creator token: a deposit would need an approval and two token
//!   calls per submission (and trust in the token's behaviour), while pallet-contracts already
//!   charges the submitter the storage deposit of what they store (a review or an expiry
//!   removes the submission, and the runtime refunds that deposit to whoever removes it).
//! * Open mode (no curator): a submission is accepted at once, at most one per account per
//!   `interval` (at least an hour), the tighter cap that stands in for the curator. In open
//!   mode anyone who sees a content hash first can submit it: use it only for content whose
//!   authorship does not matter, or keep a curator.
//! * Roles: `DEFAULT_ADMIN_ROLE` changes the rules and grants `CURATOR`; the desk has no
//!   upgrade and moves no tokens.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod rules;
mod types;

pub use types::*;

/// The role that reviews submissions: `ink::selector_id!("CURATOR")`.
pub const CURATOR: psp::RoleType = ink::selector_id!("CURATOR");

#[ink::contract]
mod creation_mining {
    use super::{
        rules::{paced, ContentState, Mode, Rules, Submission, MAX_URI},
        Accepted, CreationError as Error, Expired, Links, Rejected, RulesChanged, Submitted,
        CURATOR,
    };
    use creator_nft::CollectionError;
    use ink::{prelude::string::String, storage::Mapping};
    use mining_pool::PoolError;
    use psp::{AccessControl, AccessControlError, Id, RoleType, Roles, DEFAULT_ADMIN_ROLE};

    #[ink(storage)]
    pub struct CreationMining {
        links: Links,
        rules: Rules,
        roles: Roles,
        next_id: u64,
        /// Submissions waiting for review; written only by `submit` and `close`.
        submissions: Mapping<u64, Submission>,
        contents: Mapping<[u8; 32], ContentState>,
        pending: Mapping<AccountId, u32>,
        /// When each account's last open-mode creation was accepted.
        last_open: Mapping<AccountId, u64>,
    }

    impl CreationMining {
        /// Creates the desk for `links` (the collection, where it must hold `MINTER`, and the
        /// pool project it must lead) under `rules`. `admin` gets `DEFAULT_ADMIN_ROLE` and
        /// `CURATOR`. `InvalidRules` if the rules are inconsistent.
        #[ink(constructor)]
        pub fn new(links: Links, rules: Rules, admin: AccountId) -> Result<Self, Error> {
            let mut desk = Self {
                links,
                rules: rules.check()?,
                roles: Roles::default(),
                next_id: 0,
                submissions: Mapping::default(),
                contents: Mapping::default(),
                pending: Mapping::default(),
                last_open: Mapping::default(),
            };
            for role in [DEFAULT_ADMIN_ROLE, CURATOR] {
                psp::emit(desk.roles.setup(role, admin));
            }
            Ok(desk)
        }

        /// Submits the caller's creation: `content_hash` (e.g. the blake2 or SHA-256 of the
        /// file) and its metadata `uri` (at most 256 bytes). Curated: it waits for review (at
        /// most `max_pending` per account). Open: it is accepted at once, at most once per
        /// interval per account. Returns the submission id.
        #[ink(message)]
        pub fn submit(&mut self, content_hash: [u8; 32], uri: String) -> Result<u64, Error> {
            let creator = self.env().caller();
            let now = self.env().block_timestamp();
            if uri.len() > MAX_URI {
                return Err(Error::UriTooLong);
            }
            match self.contents.get(content_hash) {
                Some(ContentState::Pending(_)) => return Err(Error::ContentPending),
                Some(ContentState::Minted) => return Err(Error::ContentMinted),
                None => {}
            }
            let waiting = self.pending_of(creator);
            match self.rules.mode {
                Mode::Open { interval } if !paced(self.last_open.get(creator), now, interval) => {
                    return Err(Error::TooSoon)
                }
                Mode::Curated if waiting >= self.rules.max_pending => {
                    return Err(Error::TooManyPending)
                }
                _ => {}
            }
            let id = self.next_id;
            self.next_id = id.checked_add(1).ok_or(Error::Overflow)?;
            let submission = Submission {
                creator,
                content_hash,
                uri,
                submitted_at: now,
            };
            self.emit_submitted(id, &submission);
            if let Mode::Open { .. } = self.rules.mode {
                self.last_open.insert(creator, &now);
                self.accept(id, &submission, None)?;
            } else {
                let waiting = waiting.checked_add(1).ok_or(Error::Overflow)?;
                self.pending.insert(creator, &waiting);
                self.contents
                    .insert(content_hash, &ContentState::Pending(id));
                self.submissions.insert(id, &submission);
            }
            Ok(id)
        }

        /// Accepts (`accept` true: mints the NFT to the fan and credits the points) or
        /// rejects submission `id`, within its review window. `CURATOR` only.
        #[ink(message)]
        pub fn review(&mut self, id: u64, accept: bool) -> Result<(), Error> {
            let curator = self.env().caller();
            if !self.roles.has(CURATOR, curator) {
                return Err(Error::MissingRole);
            }
            let submission = self.submissions.get(id).ok_or(Error::UnknownSubmission)?;
            if self.env().block_timestamp() > submission.review_deadline(self.rules.review_window) {
                return Err(Error::ReviewClosed);
            }
            self.close(id, &submission)?;
            if accept {
                self.accept(id, &submission, Some(curator))
            } else {
                psp::emit(Rejected {
                    id,
                    creator: submission.creator,
                    curator,
                });
                Ok(())
            }
        }

        /// Removes submission `id` once its review window has passed without a review (its
        /// content hash is free again, its creator's pending count drops). Anyone may call it.
        #[ink(message)]
        pub fn expire(&mut self, id: u64) -> Result<(), Error> {
            let submission = self.submissions.get(id).ok_or(Error::UnknownSubmission)?;
            if self.env().block_timestamp() <= submission.review_deadline(self.rules.review_window)
            {
                return Err(Error::ReviewOpen);
            }
            self.close(id, &submission)?;
            psp::emit(Expired {
                id,
                creator: submission.creator,
            });
            Ok(())
        }

        /// Replaces the rules (they apply to reviews and submissions from now on). Admin only;
        /// `InvalidRules` if inconsistent.
        #[ink(message)]
        pub fn set_rules(&mut self, rules: Rules) -> Result<(), Error> {
            if !self.roles.has(DEFAULT_ADMIN_ROLE, self.env().caller()) {
                return Err(Error::MissingRole);
            }
            self.rules = rules.check()?;
            psp::emit(RulesChanged { rules });
            Ok(())
        }

        /// The rules in force.
        #[ink(message)]
        pub fn rules(&self) -> Rules {
            self.rules
        }

        /// The collection, the pool and the pool's creations project.
        #[ink(message)]
        pub fn links(&self) -> Links {
            self.links
        }

        /// Submission `id`, while it waits for review.
        #[ink(message)]
        pub fn submission(&self, id: u64) -> Option<Submission> {
            self.submissions.get(id)
        }

        /// Whether `content_hash` waits for review or was minted (`None`: free).
        #[ink(message)]
        pub fn content_state(&self, content_hash: [u8; 32]) -> Option<ContentState> {
            self.contents.get(content_hash)
        }

        /// How many submissions `account` has waiting.
        #[ink(message)]
        pub fn pending_of(&self, account: AccountId) -> u32 {
            self.pending.get(account).unwrap_or_default()
        }

        /// How many submissions were ever made (ids run from 0).
        #[ink(message)]
        pub fn submission_count(&self) -> u64 {
            self.next_id
        }

        fn emit_submitted(&self, id: u64, submission: &Submission) {
            psp::emit(Submitted {
                id,
                creator: submission.creator,
                content_hash: submission.content_hash,
                uri: submission.uri.clone(),
            });
        }

        /// Takes submission `id` off the queue: its content hash is free, its creator's
        /// pending count drops.
        fn close(&mut self, id: u64, submission: &Submission) -> Result<(), Error> {
            let waiting = self
                .pending_of(submission.creator)
                .checked_sub(1)
                .ok_or(Error::Overflow)?;
            if waiting == 0 {
                self.pending.remove(submission.creator);
            } else {
                self.pending.insert(submission.creator, &waiting);
            }
            self.contents.remove(submission.content_hash);
            self.submissions.remove(id);
            Ok(())
        }

        /// The one path of an acceptance: mints the NFT to the creator, credits its points in
        /// the pool, and marks the content minted. Any refusal undoes all of it.
        fn accept(
            &mut self,
            id: u64,
            submission: &Submission,
            curator: Option<AccountId>,
        ) -> Result<(), Error> {
            let Links {
                collection,
                pool,
                project,
            } = self.links;
            let creator = submission.creator;
            let item = psp::call::invoke::<_, Id, CollectionError>(
                collection,
                ink::selector_bytes!("mint_creation"),
                (creator, submission.content_hash, &submission.uri),
            )?;
            let points = self.rules.points;
            let _attestation = psp::call::invoke::<_, u64, PoolError>(
                pool,
                ink::selector_bytes!("attest"),
                (project, creator, points, submission.content_hash),
            )?;
            self.contents
                .insert(submission.content_hash, &ContentState::Minted);
            psp::emit(Accepted {
                id,
                creator,
                item,
                points,
                curator,
            });
            Ok(())
        }
    }

    impl AccessControl for CreationMining {
        /// Whether `address` has `role` (`CURATOR` = `selector_id!("CURATOR")`).
        #[ink(message)]
        fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool {
            address.is_some_and(|account| self.roles.has(role, account))
        }

        /// The role administering `role`: always `DEFAULT_ADMIN_ROLE` (0).
        #[ink(message)]
        fn get_role_admin(&self, role: RoleType) -> RoleType {
            let _ = role;
            DEFAULT_ADMIN_ROLE
        }

        /// Gives `role` to `account` (e.g. `CURATOR`). Admin only.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.grant(self.env().caller(), role, account))
        }

        /// Takes `role` from `account`. Admin only.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.revoke(self.env().caller(), role, account))
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.renounce(self.env().caller(), role, account))
        }
    }
}

/// The typed reference the factory instantiates this contract through (with the
/// `ink-as-dependency` feature).
pub use crate::creation_mining::CreationMiningRef;

#[cfg(test)]
mod tests;
