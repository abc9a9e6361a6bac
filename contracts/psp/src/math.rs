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
    if high == 0 {
        return Some((low.checked_div(c)?, low.checked_rem(c)?));
    }
    if high >= c {
        return None;
    }
    // Binary long division of the 256-bit (high, low) by c; the quotient fits in 128 bits
    // because high < c. The remainder stays below c; `carry` holds its 129th bit.
    let mut remainder = high;
    let mut quotient = 0u128;
    for bit in (0..128u32).rev() {
        let carry = remainder >> 127;
        remainder = remainder.wrapping_shl(1) | (low.wrapping_shr(bit) & 1);
        quotient = quotient.wrapping_shl(1);
        if carry == 1 || remainder >= c {
            remainder = remainder.wrapping_sub(c);
            quotient |= 1;
        }
    }
    Some((quotient, remainder))
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

    proptest! {
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
