//! The emission schedule, free of storage: epoch `e` emits `initial >> (e / halving)` units
//! until the pool's cap is reached. The schedule depends on time alone; an epoch in which nobody
//! earned points mints nothing (its emission is left unminted, never carried), so everything the
//! pool can ever mint is bounded by the schedule and by the cap.

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

#[cfg(test)]
mod tests {
    use super::*;

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
