//! Property test of the emission schedule and pro-rata claims against a reference model.
//!
//! Random schedules (emission, halving interval, cap) and random sequences of epochs with
//! attested points and claims. Checked: the closed-form `emission` equals an epoch-by-epoch
//! reference (halve every interval, stop at the cap); per epoch, claims never exceed its
//! emission; everything minted never exceeds the cap nor the schedule; each claim is the exact
//! pro-rata share rounded down. Case count: `PROPTEST_CASES` (default 256; long mode 10,000).

use mining_pool::schedule::Schedule;
use proptest::prelude::*;

/// Epoch-by-epoch reference: emissions of epochs `0..n`.
fn reference(schedule: &Schedule, epochs: u32) -> Vec<u128> {
    let mut left = schedule.cap;
    (0..epochs)
        .map(|epoch| {
            let halvings = epoch / schedule.halving_interval;
            let raw = if halvings >= 128 {
                0
            } else {
                schedule.initial_emission >> halvings
            };
            let emitted = raw.min(left);
            left -= emitted;
            emitted
        })
        .collect()
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (
        prop_oneof![0u128..10_000, any::<u128>(), Just(u128::MAX)],
        prop_oneof![1u32..5, 1u32..200, Just(u32::MAX)],
        prop_oneof![0u128..100_000, any::<u128>(), Just(u128::MAX)],
    )
        .prop_map(|(initial_emission, halving_interval, cap)| Schedule {
            initial_emission,
            halving_interval,
            cap,
        })
}

proptest! {
    #[test]
    fn closed_form_matches_epoch_by_epoch_reference(schedule in schedule(), epochs in 1u32..400) {
        let expected = reference(&schedule, epochs);
        for (epoch, emission) in expected.iter().enumerate() {
            prop_assert_eq!(schedule.emission(epoch as u32), *emission, "epoch {}", epoch);
        }
    }

    #[test]
    fn claims_never_exceed_emission_cap_or_schedule(
        schedule in schedule(),
        epochs in prop::collection::vec(prop::collection::vec(1u128..1_000_000, 0..8), 1..40),
    ) {
        let mut minted = 0u128;
        for (epoch, points) in epochs.iter().enumerate() {
            let epoch = epoch as u32;
            let total: u128 = points.iter().sum();
            let emission = schedule.emission(epoch);
            let mut paid = 0u128;
            for p in points {
                let reward = schedule.reward(epoch, *p, total);
                // Exact floor of the pro-rata share.
                let exact = num_floor(emission, *p, total);
                prop_assert_eq!(reward, exact);
                paid += reward;
            }
            prop_assert!(paid <= emission, "epoch {} paid {} > {}", epoch, paid, emission);
            minted = minted.checked_add(paid).expect("bounded by the cap");
            prop_assert!(minted <= schedule.cap);
        }
        let scheduled: u128 = reference(&schedule, epochs.len() as u32).iter().sum();
        prop_assert!(minted <= scheduled);
    }
}

/// `floor(a * b / c)` with 256-bit care, by splitting `a` (reference for `mul_div_floor`).
fn num_floor(a: u128, b: u128, c: u128) -> u128 {
    if c == 0 {
        return 0;
    }
    let (a, b, c) = (
        num_bigint::BigUint::from(a),
        num_bigint::BigUint::from(b),
        num_bigint::BigUint::from(c),
    );
    u128::try_from(a * b / c).unwrap_or(0)
}
