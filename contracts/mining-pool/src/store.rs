//! The pool's internals, beside the messages in `lib.rs`: a lead's right to attest, recording
//! an attestation, the one writer of points (`update_points`), taking a reward and minting it,
//! and the role check. The
//! contract's fields are `pub(crate)` only so that this file can hold them; the pure rules
//! (`points`, `schedule`, `voucher`) never touch storage.

use crate::mining_pool::MiningPool;
use crate::{
    points::{Caps, Tally},
    Attestation, Attested, Claimed, PoolError as Error,
};
use ink::{codegen::Env, primitives::AccountId};
use psp::DEFAULT_ADMIN_ROLE;

type Balance = u128;

/// A lead's right to attest for its project, as [`MiningPool::lead_of`] found it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lead {
    pub(crate) project: u32,
    pub(crate) account: AccountId,
    /// The project's budget per epoch.
    pub(crate) budget: u128,
}

impl MiningPool {
    /// `account`'s right to attest for `project`: `UnknownProject`, `ProjectClosed`, or
    /// `NotProjectLead` when it is not the project's lead.
    pub(crate) fn lead_of(&self, project: u32, account: AccountId) -> Result<Lead, Error> {
        let found = self.projects.get(project).ok_or(Error::UnknownProject)?;
        if !found.active {
            return Err(Error::ProjectClosed);
        }
        if found.lead != account {
            return Err(Error::NotProjectLead);
        }
        Ok(Lead {
            project,
            account,
            budget: found.budget,
        })
    }

    /// Records one attestation by `lead`: the points within the contributor's cap and the
    /// project's budget, then the attestation itself.
    pub(crate) fn record(
        &mut self,
        lead: Lead,
        contributor: AccountId,
        epoch: u32,
        points: u128,
        reference: [u8; 32],
    ) -> Result<u64, Error> {
        let caps = Caps {
            account: self.settings.limits.max_points_per_account,
            project: lead.budget,
        };
        self.update_points((lead.project, contributor, epoch), |tally| {
            tally.record(points, caps)
        })?;
        let id = self.next_attestation;
        self.next_attestation = id.checked_add(1).ok_or(Error::Overflow)?;
        self.attestations.insert(
            id,
            &Attestation {
                project: lead.project,
                attester: lead.account,
                contributor,
                epoch,
                points,
                voided: false,
            },
        );
        self.env().emit_event(Attested {
            id,
            project: lead.project,
            attester: lead.account,
            contributor,
            epoch,
            points,
            reference,
        });
        Ok(id)
    }

    /// The one writer of points (OpenZeppelin's `_update`): applies `change` (a rule of
    /// [`Tally`]: record or void) to the counters an attestation to `project` for
    /// `contributor` in `epoch` touches, and stores those that changed.
    pub(crate) fn update_points(
        &mut self,
        (project, contributor, epoch): (u32, AccountId, u32),
        change: impl FnOnce(Tally) -> Result<Tally, Error>,
    ) -> Result<(), Error> {
        let key = (contributor, epoch);
        let mut contribution = self.contributions.get(key).unwrap_or_default();
        let before = Tally {
            account: contribution.points,
            project: self.project_used(project, epoch),
            epoch: self.epoch_total(epoch),
        };
        let after = change(before)?;
        if after.account != before.account {
            contribution.points = after.account;
            self.contributions.insert(key, &contribution);
        }
        if after.project != before.project {
            self.project_used.insert((project, epoch), &after.project);
        }
        if after.epoch != before.epoch {
            self.epoch_points.insert(epoch, &after.epoch);
        }
        Ok(())
    }

    /// Marks `account`'s `epoch` claimed and returns its reward.
    pub(crate) fn take_reward(&mut self, account: AccountId, epoch: u32) -> Result<Balance, Error> {
        if self.claimable_from(epoch)? > self.env().block_timestamp() {
            return Err(Error::NotClaimableYet);
        }
        let key = (account, epoch);
        let mut contribution = self.contributions.get(key).ok_or(Error::NothingToClaim)?;
        if contribution.claimed {
            return Err(Error::AlreadyClaimed);
        }
        if contribution.points == 0 {
            return Err(Error::NothingToClaim);
        }
        let amount = self.reward(epoch, contribution.points);
        contribution.claimed = true;
        self.contributions.insert(key, &contribution);
        self.env().emit_event(Claimed {
            account,
            epoch,
            amount,
        });
        Ok(amount)
    }

    /// What `points` of `epoch` earn: their pro-rata share of its emission.
    pub(crate) fn reward(&self, epoch: u32, points: u128) -> Balance {
        let total = self.epoch_total(epoch);
        self.settings.schedule.reward(epoch, points, total)
    }

    /// Mints `amount` to `account` through the token; counts it.
    pub(crate) fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), Error> {
        self.minted = self.minted.checked_add(amount).ok_or(Error::Overflow)?;
        if amount == 0 {
            return Ok(());
        }
        Ok(psp::call::mint(self.settings.token, account, amount)?)
    }

    /// End of `epoch` plus the dispute window.
    pub(crate) fn claimable_from(&self, epoch: u32) -> Result<u64, Error> {
        self.settings
            .epochs
            .claimable_from(epoch)
            .ok_or(Error::Overflow)
    }

    pub(crate) fn ensure_admin(&self, account: AccountId) -> Result<(), Error> {
        self.roles
            .check(DEFAULT_ADMIN_ROLE, account)
            .map_err(|_| Error::MissingRole)
    }
}
