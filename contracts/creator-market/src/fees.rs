//! The market's fees, free of storage: the rate in force (a launch fee decaying linearly to the
//! normal one) and the split of a charged fee between the platform and the creator.
//!
//! Rates are in basis points of the amount traded. The normal rate is the creator's plus the
//! platform's; the launch rate, if higher, applies at launch and decays linearly to the normal
//! rate over the launch period (rounded up, in the creator's favour). Of every fee the platform
//! receives its normal share (rounded down) and the creator the rest, launch excess included.

use crate::{curve::BPS, MarketConfig};

/// The fee rates of a market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// The creator's fee (bps).
    pub creator_bps: u16,
    /// The platform's fee (bps, 0 without a platform).
    pub platform_bps: u16,
    /// The total fee at launch (bps; at most the normal rate means none).
    pub launch_bps: u16,
    /// How long the launch fee takes to decay to the normal one (ms).
    pub launch_period: u64,
}

impl Rates {
    /// The rates of `config`.
    pub fn of(config: &MarketConfig) -> Self {
        Self {
            creator_bps: config.creator_fee_bps,
            platform_bps: config.platform.map(|(_, bps)| bps).unwrap_or(0),
            launch_bps: config.launch_fee_bps,
            launch_period: config.launch_period,
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

    /// The creator's plus the platform's rate.
    pub fn normal_bps(&self) -> u128 {
        u128::from(self.creator_bps).saturating_add(u128::from(self.platform_bps))
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
}

/// A fee, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The platform's normal share of the amount, never more than the fee.
    pub platform: u128,
    /// The rest: the creator's fee and any launch excess.
    pub creator: u128,
}

/// Splits `fee`, charged on `amount`, with a platform taking `platform_bps`. `None` if the
/// platform's share does not fit.
pub fn split(amount: u128, fee: u128, platform_bps: u16) -> Option<Split> {
    let platform = psp::math::mul_div_floor(amount, u128::from(platform_bps), BPS)?.min(fee);
    Some(Split {
        platform,
        creator: fee.saturating_sub(platform),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RATES: Rates = Rates {
        creator_bps: 300,
        platform_bps: 200,
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
            creator_bps: MAX_FEE_BPS - 200,
            platform_bps: 200,
            launch_bps: MAX_LAUNCH_FEE_BPS,
            launch_period: MAX_LAUNCH_PERIOD,
        };
        assert!(full.is_valid(), "exactly at the bounds is allowed");
        for bad in [
            Rates {
                creator_bps: MAX_FEE_BPS - 199,
                ..full
            },
            Rates {
                creator_bps: 9_800,
                launch_bps: 10_000,
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
                launch_period: u64::MAX,
                ..RATES
            },
            Rates {
                creator_bps: u16::MAX,
                platform_bps: 1,
                ..RATES
            },
        ] {
            assert!(!bad.is_valid(), "{bad:?}");
        }
    }

    #[test]
    fn the_platform_takes_its_normal_share_and_the_creator_the_rest() {
        assert_eq!(
            split(10_000, 500, 200),
            Some(Split {
                platform: 200,
                creator: 300
            })
        );
        assert_eq!(
            split(10_000, 2_500, 200),
            Some(Split {
                platform: 200,
                creator: 2_300
            }),
            "the launch excess goes to the creator"
        );
        assert_eq!(
            split(199, 9, 200),
            Some(Split {
                platform: 3,
                creator: 6
            }),
            "rounded down for the platform"
        );
        assert_eq!(
            split(10_000, 100, 200),
            Some(Split {
                platform: 100,
                creator: 0
            }),
            "never more than the fee"
        );
        assert_eq!(
            split(u128::MAX, u128::MAX, 10_000),
            Some(Split {
                platform: u128::MAX,
                creator: 0
            })
        );
    }

    proptest! {
        #[test]
        fn the_rate_stays_between_normal_and_launch_and_never_rises(
            creator_bps in 0u16..=10_000,
            platform_bps in 0u16..=10_000,
            launch_bps in 0u16..=10_000,
            launch_period in prop_oneof![0u64..1_000, any::<u64>()],
            a in any::<u64>(),
            b in any::<u64>(),
        ) {
            let rates = Rates { creator_bps, platform_bps, launch_bps, launch_period };
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
            platform_bps in 0u16..=10_000,
        ) {
            let split = split(amount, fee, platform_bps).expect("bps at most 100 % fit");
            prop_assert_eq!(split.platform + split.creator, fee);
        }
    }
}
