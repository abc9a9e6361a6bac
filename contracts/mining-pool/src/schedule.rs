//! The emission schedule, free of storage: epoch `e` emits `initial >> (e / halving)` units
//! until the pool's cap is reached. The schedule depends on time alone; an epoch in which nobody
//! earned points mints nothing (its emission is left unminted, never carried), so everything the
//! pool can ever mint is bounded by the schedule and by the cap.
//!
//! [`Epochs`] is the pool's clock: which epoch a timestamp falls in, and from when an epoch's
//! points can be claimed (its end plus the dispute window).

/// The pool's fixed emission parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Schedule {
    /// Emission of epoch 0.
    pub initial_emission: u128,
    /// Epochs between halvings (at least 1).
    pub halving_interval: u32,
    /// The most the pool may ever mint.
    pub cap: u128,
}

impl Schedule {
    /// The uncapped emission of `epoch`.
    fn raw(&self, epoch: u32) -> u128 {
        let halvings = epoch.checked_div(self.halving_interval).unwrap_or(u32::MAX);
        self.initial_emission.checked_shr(halvings).unwrap_or(0)
    }

    /// The uncapped emission of epochs `0..epoch`, saturating at `u128::MAX`. At most 128
    /// iterations: after 128 halvings every epoch emits zero.
    fn raw_before(&self, epoch: u32) -> u128 {
        let interval = self.halving_interval.max(1);
        let full_eras = epoch.checked_div(interval).unwrap_or(0);
        let mut total = 0u128;
        for era in 0..full_eras.min(128) {
            let per_epoch = self.initial_emission.checked_shr(era).unwrap_or(0);
            total = total.saturating_add(per_epoch.saturating_mul(u128::from(interval)));
        }
        let partial = u128::from(epoch.checked_rem(interval).unwrap_or(0));
        total.saturating_add(self.raw(epoch).saturating_mul(partial))
    }

    /// What `epoch` may mint in all: its halving emission, cut so that the schedule's total
    /// never exceeds the cap.
    pub fn emission(&self, epoch: u32) -> u128 {
        let before = self.raw_before(epoch);
        self.raw(epoch).min(self.cap.saturating_sub(before))
    }

    /// `points` of `total_points` in `epoch` earn this much (rounded down).
    pub fn reward(&self, epoch: u32, points: u128, total_points: u128) -> u128 {
        psp::math::mul_div_floor(self.emission(epoch), points, total_points).unwrap_or(0)
    }
}

/// The pool's clock: epochs of `length` ms from `genesis`; an epoch's points are claimable
/// `dispute_window` ms after it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Epochs {
    /// Start of epoch 0 (ms).
    pub genesis: u64,
    /// Length of an epoch (ms, at least 1).
    pub length: u64,
    /// How long after an epoch ends its points can still be voided (ms).
    pub dispute_window: u64,
}

impl Epochs {
    /// The epoch `now` falls in, `None` before genesis (or past `u32::MAX` epochs).
    pub fn at(&self, now: u64) -> Option<u32> {
        let elapsed = now.checked_sub(self.genesis)?;
        u32::try_from(elapsed.checked_div(self.length)?).ok()
    }

    /// End of `epoch` plus the dispute window, `None` if it does not fit.
    pub fn claimable_from(&self, epoch: u32) -> Option<u64> {
        u64::from(epoch)
            .checked_add(1)
            .and_then(|epochs| epochs.checked_mul(self.length))
            .and_then(|length| length.checked_add(self.genesis))
            .and_then(|end| end.checked_add(self.dispute_window))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epochs_start_at_genesis_and_open_for_claims_after_the_window() {
        let epochs = Epochs {
            genesis: 1_000,
            length: 100,
            dispute_window: 50,
        };
        assert_eq!(epochs.at(999), None, "before genesis");
        assert_eq!(epochs.at(1_000), Some(0));
        assert_eq!(epochs.at(1_099), Some(0));
        assert_eq!(epochs.at(1_250), Some(2));
        assert_eq!(epochs.claimable_from(0), Some(1_150));
        assert_eq!(epochs.claimable_from(2), Some(1_350));
        assert_eq!(epochs.claimable_from(u32::MAX), Some(429_496_730_650));
        let huge = Epochs {
            genesis: u64::MAX - 10,
            length: u64::MAX,
            dispute_window: u64::MAX,
        };
        assert_eq!(huge.claimable_from(0), None, "does not fit");
        assert_eq!(huge.at(u64::MAX), Some(0));
        let fast = Epochs {
            genesis: 0,
            length: 1,
            dispute_window: 0,
        };
        assert_eq!(
            fast.at(u64::from(u32::MAX) + 1),
            None,
            "past u32::MAX epochs"
        );
        let stopped = Epochs { length: 0, ..fast };
        assert_eq!(
            stopped.at(5),
            None,
            "a zero length (refused at construction)"
        );
    }

    #[test]
    fn halves_every_interval_and_stops_at_the_cap() {
        let schedule = Schedule {
            initial_emission: 1_000,
            halving_interval: 2,
            cap: 3_300,
        };
        let emissions: Vec<u128> = (0..8).map(|e| schedule.emission(e)).collect();
        assert_eq!(emissions, vec![1_000, 1_000, 500, 500, 250, 50, 0, 0]);
        assert_eq!(schedule.raw_before(6), 3_500);
    }

    #[test]
    fn extreme_parameters_do_not_overflow() {
        let schedule = Schedule {
            initial_emission: u128::MAX,
            halving_interval: 1,
            cap: u128::MAX,
        };
        assert_eq!(schedule.emission(0), u128::MAX);
        assert_eq!(schedule.emission(1), 0, "the cap is reached");
        assert_eq!(schedule.emission(u32::MAX), 0);
        let unlimited = Schedule {
            initial_emission: 1 << 100,
            halving_interval: u32::MAX,
            cap: u128::MAX,
        };
        assert_eq!(unlimited.emission(1_000), 1 << 100);
        assert_eq!(
            unlimited.emission(u32::MAX - 1),
            0,
            "2^32 epochs of 2^100 pass the cap"
        );
        let zero_interval = Schedule {
            initial_emission: 5,
            halving_interval: 0,
            cap: 10,
        };
        assert_eq!(zero_interval.emission(3), 0, "a zero interval never emits");
        assert_eq!(schedule.reward(0, 1, 0), 0, "no points, no reward");
        assert_eq!(schedule.reward(0, 1, 2), u128::MAX / 2);
    }
}
