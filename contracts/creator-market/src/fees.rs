//! The market's fees, free of storage: the rate in force (a launch fee decaying linearly to the
//! normal one) and the split of a charged fee between the creator, the stakers, a referrer and
//! a platform.
//!
//! Rates are in basis points of the amount traded (a buy's cost, a sell's gross proceeds),
//! fixed at creation. The normal rate is the sum of the four shares; the launch rate, if
//! higher, applies at launch and decays linearly to the normal rate over the launch period
//! (rounded up). Of every fee the platform, the referrer (when one is named) and the creator
//! receive their normal shares of the amount, each rounded down, and the stakers the rest:
//! their own share, the launch excess, the rounding, and the referrer's share when no one is
//! named. So the parts add up to the fee exactly, and the community gets whatever is not
//! someone's by right.

use crate::{curve::BPS, FeeConfig};

/// The fee rates of a market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// The creator's share (bps).
    pub creator_bps: u16,
    /// The stakers' share (bps), paid to the reward distributor.
    pub stakers_bps: u16,
    /// A named referrer's share (bps); the stakers' without one.
    pub referrer_bps: u16,
    /// The platform's share (bps, 0 without a platform).
    pub platform_bps: u16,
    /// The total fee at launch (bps; at most the normal rate means none).
    pub launch_bps: u16,
    /// How long the launch fee takes to decay to the normal one (ms).
    pub launch_period: u64,
}

impl Rates {
    /// The rates of `fees`.
    pub fn of(fees: &FeeConfig) -> Self {
        Self {
            creator_bps: fees.creator_bps,
            stakers_bps: fees.stakers_bps,
            referrer_bps: fees.referrer_bps,
            platform_bps: fees.platform.map(|(_, bps)| bps).unwrap_or(0),
            launch_bps: fees.launch_bps,
            launch_period: fees.launch_period,
        }
    }

    /// Whether the rates keep the platform-wide bounds (`psp::limits`): at most 10 % in
    /// normal trading, a launch fee of at most 25 % that decays within 7 days.
    pub fn is_valid(&self) -> bool {
        use psp::limits::{MAX_FEE_BPS, MAX_LAUNCH_FEE_BPS, MAX_LAUNCH_PERIOD};
        self.normal_bps() <= u128::from(MAX_FEE_BPS)
            && self.launch_bps <= MAX_LAUNCH_FEE_BPS
            && self.launch_period <= MAX_LAUNCH_PERIOD
    }

    /// The four shares together.
    pub fn normal_bps(&self) -> u128 {
        [
            self.creator_bps,
            self.stakers_bps,
            self.referrer_bps,
            self.platform_bps,
        ]
        .iter()
        .map(|bps| u128::from(*bps))
        .sum()
    }

    /// The total rate `elapsed` ms after launch.
    pub fn at(&self, elapsed: u64) -> u128 {
        let normal = self.normal_bps();
        let launch = u128::from(self.launch_bps);
        let period = self.launch_period;
        if launch <= normal || elapsed >= period {
            return normal;
        }
        let remaining = u128::from(period.saturating_sub(elapsed));
        let excess =
            psp::math::mul_div_ceil(launch.saturating_sub(normal), remaining, u128::from(period))
                .unwrap_or(0);
        normal.saturating_add(excess)
    }

    /// Splits `fee`, charged on `amount`; `with_referrer` when the trade named one.
    pub fn split(&self, amount: u128, fee: u128, with_referrer: bool) -> Split {
        let mut left = fee;
        let mut take = |bps: u16| {
            let share = psp::math::mul_div_floor(amount, u128::from(bps), BPS)
                .unwrap_or(u128::MAX)
                .min(left);
            left = left.saturating_sub(share);
            share
        };
        let platform = take(self.platform_bps);
        let referrer = if with_referrer {
            take(self.referrer_bps)
        } else {
            0
        };
        let creator = take(self.creator_bps);
        Split {
            creator,
            stakers: left,
            referrer,
            platform,
        }
    }
}

/// A fee, split; the parts add up to the fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Split {
    /// The creator's share.
    pub creator: u128,
    /// The stakers' share (paid to the reward distributor at once).
    pub stakers: u128,
    /// The named referrer's share.
    pub referrer: u128,
    /// The platform's share.
    pub platform: u128,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RATES: Rates = Rates {
        creator_bps: 200,
        stakers_bps: 100,
        referrer_bps: 100,
        platform_bps: 100,
        launch_bps: 2_500,
        launch_period: 600_000,
    };

    #[test]
    fn the_launch_fee_decays_linearly_to_the_normal_fee() {
        assert_eq!(RATES.normal_bps(), 500);
        assert_eq!(RATES.at(0), 2_500);
        assert_eq!(RATES.at(300_000), 1_500, "half way");
        assert_eq!(RATES.at(599_999), 501, "rounded up until the end");
        assert_eq!(RATES.at(600_000), 500);
        assert_eq!(RATES.at(u64::MAX), 500);
        let lower = Rates {
            launch_bps: 400,
            ..RATES
        };
        assert_eq!(
            lower.at(0),
            500,
            "a launch fee below the normal one is none"
        );
        let no_period = Rates {
            launch_period: 0,
            ..RATES
        };
        assert_eq!(no_period.at(0), 500);
    }

    /// L-7 of the security review: rates beyond the platform-wide bounds (`psp::limits`:
    /// 10 % normal, a 25 % launch fee within 7 days) are invalid; exactly at them is allowed.
    #[test]
    fn rates_beyond_the_platform_bounds_are_invalid() {
        use psp::limits::{MAX_FEE_BPS, MAX_LAUNCH_FEE_BPS, MAX_LAUNCH_PERIOD};
        assert!(RATES.is_valid());
        let full = Rates {
            creator_bps: MAX_FEE_BPS - 300,
            launch_bps: MAX_LAUNCH_FEE_BPS,
            launch_period: MAX_LAUNCH_PERIOD,
            ..RATES
        };
        assert!(full.is_valid(), "exactly at the bounds is allowed");
        for bad in [
            Rates {
                creator_bps: MAX_FEE_BPS - 299,
                ..full
            },
            Rates {
                stakers_bps: 101,
                ..full
            },
            Rates {
                referrer_bps: 101,
                ..full
            },
            Rates {
                platform_bps: 101,
                ..full
            },
            Rates {
                launch_bps: MAX_LAUNCH_FEE_BPS + 1,
                ..full
            },
            Rates {
                launch_period: MAX_LAUNCH_PERIOD + 1,
                ..full
            },
            Rates {
                creator_bps: u16::MAX,
                stakers_bps: u16::MAX,
                referrer_bps: u16::MAX,
                platform_bps: u16::MAX,
                ..RATES
            },
        ] {
            assert!(!bad.is_valid(), "{bad:?}");
        }
    }

    #[test]
    fn each_takes_its_share_and_the_stakers_the_rest() {
        let exact = |creator, stakers, referrer, platform| Split {
            creator,
            stakers,
            referrer,
            platform,
        };
        assert_eq!(RATES.split(10_000, 500, true), exact(200, 100, 100, 100));
        assert_eq!(
            RATES.split(10_000, 500, false),
            exact(200, 200, 0, 100),
            "no referrer: the stakers take the referrer's share"
        );
        assert_eq!(
            RATES.split(10_000, 2_500, true),
            exact(200, 2_100, 100, 100),
            "the launch excess goes to the stakers"
        );
        assert_eq!(
            RATES.split(199, 10, true),
            exact(3, 5, 1, 1),
            "each share rounded down, the dust to the stakers"
        );
        assert_eq!(
            RATES.split(10_000, 150, true),
            exact(0, 0, 50, 100),
            "never more than the fee"
        );
    }

    proptest! {
        #[test]
        fn the_rate_stays_between_normal_and_launch_and_never_rises(
            creator_bps in 0u16..=10_000,
            stakers_bps in 0u16..=10_000,
            launch_bps in 0u16..=10_000,
            launch_period in prop_oneof![0u64..1_000, any::<u64>()],
            a in any::<u64>(),
            b in any::<u64>(),
        ) {
            let rates = Rates { creator_bps, stakers_bps, launch_bps, launch_period, ..RATES };
            let (early, late) = (a.min(b), a.max(b));
            let normal = rates.normal_bps();
            let top = normal.max(u128::from(launch_bps));
            prop_assert!(rates.at(late) <= rates.at(early));
            prop_assert!(normal <= rates.at(late) && rates.at(early) <= top);
        }

        #[test]
        fn a_split_adds_up_to_the_fee(
            amount in any::<u128>(),
            fee in any::<u128>(),
            bps in [0u16..=10_000, 0u16..=10_000, 0u16..=10_000, 0u16..=10_000],
            with_referrer: bool,
        ) {
            let rates = Rates {
                creator_bps: bps[0],
                stakers_bps: bps[1],
                referrer_bps: bps[2],
                platform_bps: bps[3],
                ..RATES
            };
            let split = rates.split(amount, fee, with_referrer);
            prop_assert_eq!(
                split.creator + split.stakers + split.referrer + split.platform,
                fee
            );
            if !with_referrer {
                prop_assert_eq!(split.referrer, 0);
            }
        }
    }
}
