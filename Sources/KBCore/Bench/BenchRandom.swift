/// A small seeded random number generator (SplitMix64) whose sequence never changes with the toolchain: the
/// synthetic corpus and the sampled query mixes are the same for the same seed on every machine.
///
/// The standard library's `random(in:using:)` helpers are not used on purpose: their algorithms may change
/// between Swift releases, which would silently change a "deterministic" corpus.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one named purpose, independent of how many numbers other purposes drew.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        state = seed ^ hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (`n` > 0), by multiply-shift (Lemire) without rejection: the bias is below 2⁻³².
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n))")
        return Int(UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// One element of a non-empty collection.
    mutating func pick<C: RandomAccessCollection>(_ c: C) -> C.Element where C.Index == Int {
        c[c.startIndex + below(c.count)]
    }
}

/// Keeps a uniform sample of at most `capacity` of the values offered to it (reservoir sampling, algorithm R).
struct Reservoir<Element> {
    let capacity: Int
    private(set) var items: [Element] = []
    private(set) var seen = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func offer(_ value: @autoclosure () -> Element, random: inout BenchRandom) {
        seen += 1
        if items.count < capacity {
            items.append(value())
        } else {
            let slot = random.below(seen)
            if slot < capacity { items[slot] = value() }
        }
    }
}
