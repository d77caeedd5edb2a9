//! The tests' random inputs: one small deterministic generator for all.

/// Xorshift64 (shifts 13, 7, 17): the same numbers from the same seed on
/// every run and machine. The field is the current state.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    /// The next number (the state, moved on).
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next number, below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
