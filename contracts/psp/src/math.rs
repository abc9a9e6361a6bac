//! Checked arithmetic that never panics: `a * b / c` with a 256-bit intermediate, rounded down
//! or up, as reward accumulators, pro-rata shares and bonding curves need.

/// `floor(a * b / c)`, or `None` when `c` is zero or the quotient does not fit in `u128`.
pub fn mul_div_floor(a: u128, b: u128, c: u128) -> Option<u128> {
    mul_div(a, b, c).map(|(quotient, _)| quotient)
}

/// `ceil(a * b / c)`, or `None` when `c` is zero or the quotient does not fit in `u128`.
pub fn mul_div_ceil(a: u128, b: u128, c: u128) -> Option<u128> {
    let (quotient, remainder) = mul_div(a, b, c)?;
    if remainder == 0 {
        Some(quotient)
    } else {
        quotient.checked_add(1)
    }
}

/// Quotient and remainder of `a * b / c` computed exactly.
fn mul_div(a: u128, b: u128, c: u128) -> Option<(u128, u128)> {
    if c == 0 {
        return None;
    }
    let (high, low) = widening_mul(a, b);
    divide_wide(high, low, c)
}

/// The full 256-bit product of `a` and `b` as `(high, low)` 128-bit halves.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW_64: u128 = u64::MAX as u128;
    let (a_high, a_low) = (a >> 64, a & LOW_64);
    let (b_high, b_low) = (b >> 64, b & LOW_64);
    // Each partial product of two 64-bit halves fits in 128 bits, and so do the sums below
    // (at most three 64-bit values, or a high half that the full product bounds).
    let low_low = a_low.wrapping_mul(b_low);
    let low_high = a_low.wrapping_mul(b_high);
    let high_low = a_high.wrapping_mul(b_low);
    let high_high = a_high.wrapping_mul(b_high);
    let middle = (low_low >> 64)
        .wrapping_add(low_high & LOW_64)
        .wrapping_add(high_low & LOW_64);
    let low = (low_low & LOW_64) | middle.wrapping_shl(64);
    let high = high_high
        .wrapping_add(low_high >> 64)
        .wrapping_add(high_low >> 64)
        .wrapping_add(middle >> 64);
    (high, low)
}

/// An unsigned 256-bit integer, just enough for reward accumulators: a `u128` scaled by
/// `2^128` divided by a `u128`, and back. Ordered as `(high, low)`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct U256 {
    high: u128,
    low: u128,
}

impl U256 {
    /// Zero.
    pub const ZERO: Self = Self { high: 0, low: 0 };

    /// `value * 2^128 / divisor`, exact to the floor; `None` if `divisor` is zero.
    pub fn ratio(value: u128, divisor: u128) -> Option<Self> {
        if divisor == 0 {
            return None;
        }
        // (value, 0) / divisor: the high word divides first, its remainder carries down.
        let high = value.checked_div(divisor)?;
        let carry = value.checked_rem(divisor)?;
        let (low, _) = divide_wide(carry, 0, divisor)?;
        Some(Self { high, low })
    }

    /// `self + other`, wrapping at 2^256 (accumulators only ever take differences).
    pub fn wrapping_add(self, other: Self) -> Self {
        let (low, carry) = self.low.overflowing_add(other.low);
        let high = self
            .high
            .wrapping_add(other.high)
            .wrapping_add(u128::from(carry));
        Self { high, low }
    }

    /// `self - other`, wrapping at 2^256.
    pub fn wrapping_sub(self, other: Self) -> Self {
        let (low, borrow) = self.low.overflowing_sub(other.low);
        let high = self
            .high
            .wrapping_sub(other.high)
            .wrapping_sub(u128::from(borrow));
        Self { high, low }
    }

    /// `floor(self * factor / 2^128)`, or `None` if it does not fit in a `u128`.
    pub fn mul_shift(self, factor: u128) -> Option<u128> {
        // self * factor = high*factor*2^128 + low*factor; keep bits 128..256.
        let (low_high, _) = widening_mul(self.low, factor);
        let (high_high, high_low) = widening_mul(self.high, factor);
        if high_high != 0 {
            return None;
        }
        high_low.checked_add(low_high)
    }
}

/// Divides the 256-bit `(high, low)` by `divisor` when `high < divisor`: the quotient fits in
/// 128 bits. Returns `(quotient, remainder)`.
fn divide_wide(high: u128, low: u128, divisor: u128) -> Option<(u128, u128)> {
    if divisor == 0 || high >= divisor {
        return None;
    }
    if high == 0 {
        return Some((low.checked_div(divisor)?, low.checked_rem(divisor)?));
    }
    // Binary long division; the remainder stays below the divisor, `carry` is its 129th bit.
    let mut remainder = high;
    let mut quotient = 0u128;
    for bit in (0..128u32).rev() {
        let carry = remainder >> 127;
        remainder = remainder.wrapping_shl(1) | (low.wrapping_shr(bit) & 1);
        quotient = quotient.wrapping_shl(1);
        if carry == 1 || remainder >= divisor {
            remainder = remainder.wrapping_sub(divisor);
            quotient |= 1;
        }
    }
    Some((quotient, remainder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use proptest::prelude::*;

    fn exact(a: u128, b: u128, c: u128) -> (BigUint, BigUint) {
        let product = BigUint::from(a) * BigUint::from(b);
        let c = BigUint::from(c);
        (&product / &c, &product % &c)
    }

    #[test]
    fn edge_cases() {
        assert_eq!(mul_div_floor(1, 1, 0), None);
        assert_eq!(
            mul_div_floor(u128::MAX, u128::MAX, u128::MAX),
            Some(u128::MAX)
        );
        assert_eq!(mul_div_floor(u128::MAX, 2, 1), None);
        assert_eq!(mul_div_floor(u128::MAX, 2, 2), Some(u128::MAX));
        assert_eq!(mul_div_floor(7, 3, 2), Some(10));
        assert_eq!(mul_div_ceil(7, 3, 2), Some(11));
        assert_eq!(
            mul_div_ceil(u128::MAX, u128::MAX - 1, u128::MAX),
            Some(u128::MAX - 1)
        );
        assert_eq!(mul_div_ceil(u128::MAX, 1, 1), Some(u128::MAX));
        assert_eq!(mul_div_ceil(0, 5, 3), Some(0));
    }

    fn big(value: U256) -> BigUint {
        (BigUint::from(value.high) << 128u32) + BigUint::from(value.low)
    }

    #[test]
    fn u256_edges() {
        assert_eq!(U256::ratio(1, 0), None);
        assert_eq!(U256::ratio(u128::MAX, 1).map(|r| r.high), Some(u128::MAX));
        assert_eq!(
            U256::ratio(1, 2).map(|r| (r.high, r.low)),
            Some((0, 1u128 << 127))
        );
        let max = U256 {
            high: u128::MAX,
            low: u128::MAX,
        };
        assert_eq!(max.wrapping_add(U256 { high: 0, low: 1 }), U256::ZERO);
        assert_eq!(U256::ZERO.wrapping_sub(U256 { high: 0, low: 1 }), max);
        assert_eq!(
            U256 { high: 1, low: 0 }.mul_shift(u128::MAX),
            Some(u128::MAX)
        );
        assert_eq!(U256 { high: 2, low: 0 }.mul_shift(u128::MAX), None);
    }

    proptest! {
        #[test]
        fn u256_ratio_and_mul_shift_match_big_integers(value: u128, divisor in 1..=u128::MAX, factor: u128) {
            let ratio = U256::ratio(value, divisor).expect("non-zero divisor");
            prop_assert_eq!(big(ratio), (BigUint::from(value) << 128u32) / BigUint::from(divisor));
            let product = (big(ratio) * BigUint::from(factor)) >> 128u32;
            prop_assert_eq!(ratio.mul_shift(factor), u128::try_from(product).ok());
        }

        #[test]
        fn u256_wrapping_add_sub_round_trip(a_high: u128, a_low: u128, b_high: u128, b_low: u128) {
            let a = U256 { high: a_high, low: a_low };
            let b = U256 { high: b_high, low: b_low };
            prop_assert_eq!(a.wrapping_add(b).wrapping_sub(b), a);
            let modulus = BigUint::from(1u8) << 256u32;
            prop_assert_eq!(big(a.wrapping_add(b)), (big(a) + big(b)) % modulus);
        }

        #[test]
        fn matches_big_integer_division(a: u128, b: u128, c in 1..=u128::MAX) {
            let (quotient, remainder) = exact(a, b, c);
            let expected_floor = u128::try_from(quotient.clone()).ok();
            prop_assert_eq!(mul_div_floor(a, b, c), expected_floor);
            let ceil = if remainder == BigUint::from(0u8) { quotient } else { quotient + 1u8 };
            prop_assert_eq!(mul_div_ceil(a, b, c), u128::try_from(ceil).ok());
        }

        #[test]
        fn small_divisors_and_high_products(a in (u128::MAX / 2)..=u128::MAX, b: u128, c in 1u128..1_000_000) {
            let (quotient, _) = exact(a, b, c);
            prop_assert_eq!(mul_div_floor(a, b, c), u128::try_from(quotient).ok());
        }
    }
}
