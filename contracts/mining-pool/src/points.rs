//! The points ledger's rules, free of storage: what one attestation adds to the counters of its
//! epoch, under the contributor's cap and the project's budget, and what voiding it takes back.
//!
//! [`Tally::record`] and [`Tally::void`] are inverse operations on the same counters: a void
//! takes back exactly the points its attestation added to the contributor and to the epoch. The
//! project's budget is spent for good (a voided attestation does not hand its points back to
//! the project), so a lead cannot exceed the budget by having attestations voided and
//! attesting again.

use crate::PoolError;

/// The anti-sybil limit in force for new attestations (the admin may change it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Limits {
    /// Most points one account may earn in an epoch, over all projects.
    pub max_points_per_account: u128,
}

/// The bounds one attestation must stay within, in its epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Most points the contributor may hold.
    pub account: u128,
    /// Most points the project may hand out (its budget).
    pub project: u128,
}

/// The three counters one attestation touches, all in its epoch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// The contributor's points.
    pub account: u128,
    /// The project's spent budget.
    pub project: u128,
    /// The epoch's total points.
    pub epoch: u128,
}

impl Tally {
    /// The counters after attesting `points` within `caps`. Refusals, in this order: zero
    /// points, the contributor's cap, the project's budget, then a total that does not fit.
    pub fn record(self, points: u128, caps: Caps) -> Result<Self, PoolError> {
        if points == 0 {
            return Err(PoolError::ZeroPoints);
        }
        let account = self
            .account
            .checked_add(points)
            .filter(|account| *account <= caps.account)
            .ok_or(PoolError::OverAccountCap)?;
        let project = self
            .project
            .checked_add(points)
            .filter(|project| *project <= caps.project)
            .ok_or(PoolError::OverProjectBudget)?;
        let epoch = self.epoch.checked_add(points).ok_or(PoolError::Overflow)?;
        Ok(Self {
            account,
            project,
            epoch,
        })
    }

    /// The counters after voiding an attestation of `points` recorded into them: the
    /// contributor and the epoch lose its points, the project's budget stays spent.
    pub fn void(self, points: u128) -> Self {
        // Cannot underflow: the attestation's points are part of both sums.
        Self {
            account: self.account.saturating_sub(points),
            epoch: self.epoch.saturating_sub(points),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CAPS: Caps = Caps {
        account: 100,
        project: 150,
    };

    fn tally(account: u128, project: u128, epoch: u128) -> Tally {
        Tally {
            account,
            project,
            epoch,
        }
    }

    #[test]
    fn record_adds_to_every_counter_within_the_limits() {
        let fresh = Tally::default();
        assert_eq!(fresh.record(60, CAPS), Ok(tally(60, 60, 60)));
        let full = tally(100, 100, 400);
        assert_eq!(full.record(1, CAPS), Err(PoolError::OverAccountCap));
        assert_eq!(
            tally(0, 150, 150).record(1, CAPS),
            Err(PoolError::OverProjectBudget)
        );
        assert_eq!(tally(40, 90, 90).record(60, CAPS), Ok(tally(100, 150, 150)));
        assert_eq!(fresh.record(0, CAPS), Err(PoolError::ZeroPoints));
    }

    #[test]
    fn refusals_come_in_a_fixed_order() {
        let open = Caps {
            account: u128::MAX,
            project: u128::MAX,
        };
        let both = tally(100, 150, 0);
        assert_eq!(both.record(1, CAPS), Err(PoolError::OverAccountCap));
        assert_eq!(both.record(0, CAPS), Err(PoolError::ZeroPoints));
        assert_eq!(
            tally(0, 150, u128::MAX).record(1, CAPS),
            Err(PoolError::OverProjectBudget)
        );
        assert_eq!(
            tally(0, 0, u128::MAX).record(1, open),
            Err(PoolError::Overflow)
        );
        assert_eq!(
            tally(u128::MAX, 0, 0).record(1, open),
            Err(PoolError::OverAccountCap),
            "an account total that does not fit is over any cap"
        );
    }

    #[test]
    fn void_takes_back_the_points_but_not_the_budget() {
        let recorded = tally(30, 50, 80).record(20, CAPS).expect("within limits");
        assert_eq!(recorded.void(20), tally(30, 70, 80));
        assert_eq!(
            tally(5, 5, 5).void(9),
            tally(0, 5, 0),
            "saturates, never panics"
        );
    }

    fn limits() -> impl Strategy<Value = Caps> {
        (
            prop_oneof![0u128..1_000, Just(u128::MAX)],
            prop_oneof![0u128..1_000, Just(u128::MAX)],
        )
            .prop_map(|(account, project)| Caps { account, project })
    }

    fn tallies() -> impl Strategy<Value = Tally> {
        (
            prop_oneof![0u128..1_000, any::<u128>()],
            prop_oneof![0u128..1_000, any::<u128>()],
            prop_oneof![0u128..10_000, any::<u128>()],
        )
            .prop_map(|(account, project, epoch)| tally(account, project, epoch))
    }

    proptest! {
        #[test]
        fn record_then_void_returns_the_points_to_where_they_were(
            before in tallies(),
            points in prop_oneof![1u128..1_000, any::<u128>()],
            limits in limits(),
        ) {
            if let Ok(after) = before.record(points, limits) {
                prop_assert_eq!(
                    after.void(points),
                    Tally { project: after.project, ..before }
                );
                prop_assert_eq!(after.project, before.project + points);
            }
        }

        #[test]
        fn records_never_exceed_the_caps_and_voids_keep_the_sums(
            steps in prop::collection::vec((0u128..120, any::<bool>()), 1..60),
            limits in limits(),
        ) {
            // One project, one contributor, one epoch: every accepted record is remembered,
            // and a void takes back an earlier one.
            let mut tally = Tally::default();
            let mut live: Vec<u128> = Vec::new();
            let mut spent = 0u128;
            for (points, void) in steps {
                if void && !live.is_empty() {
                    let voided = live.remove(0);
                    tally = tally.void(voided);
                } else if let Ok(next) = tally.record(points, limits) {
                    prop_assert!(next.account <= limits.account);
                    prop_assert!(next.project <= limits.project);
                    live.push(points);
                    spent += points;
                    tally = next;
                }
                let sum: u128 = live.iter().sum();
                prop_assert_eq!(tally, Tally { account: sum, project: spent, epoch: sum });
            }
        }
    }
}
