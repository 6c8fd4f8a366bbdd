//! Decimal digits of a count without the formatting machinery: long articles write one id and
//! several offsets for each of their many mentions.

/// The ASCII digits of `n`, right-aligned: they are `digits[start..]`.
pub(crate) fn digits(mut n: usize) -> ([u8; 20], usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return (digits, start);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_of_zero_one_and_the_largest() {
        for n in [0, 7, 10, 12_345, usize::MAX] {
            let (d, start) = super::digits(n);
            assert_eq!(std::str::from_utf8(&d[start..]), Ok(n.to_string().as_str()));
        }
    }
}
