/// Counts the set bits of many words at once, for the size of a match set kept as a bitmap.
///
/// Builds for the x86-64 baseline have no population count instruction: `nonzeroBitCount`
/// takes a dozen instructions a word, 26 µs for the 15,625 words of a million documents. This
/// counts 32 words at a time in 128-bit lanes with carry-save adders (Harley and Seal's method:
/// the bits are summed like digits, and only the carries of each 32 words are counted), about five
/// times faster.
enum BitCount {
    private typealias Lanes = SIMD2<UInt64>

    /// The number of set bits in `words`.
    static func count(_ words: UnsafeBufferPointer<UInt64>) -> Int {
        guard let base = words.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let pairs = words.count / 2
        var result = count(pairs: pairs, raw)
        if words.count % 2 == 1 { result &+= words[words.count - 1].nonzeroBitCount }
        return result
    }

    /// The set bits of `pairs` pairs of words from `raw`.
    private static func count(pairs n: Int, _ raw: UnsafeRawPointer) -> Int {
        // A bit of `ones`, `twos`, `fours` and `eights` weighs 1, 2, 4 and 8 in the sum so far;
        // `sixteens` keeps, per byte, how many carries of weight 16 its 64 bits received.
        var (ones, twos, fours, eights, sixteens) = (Lanes(), Lanes(), Lanes(), Lanes(), Lanes())
        var sum = 0
        var blocks = 0
        var i = 0
        while i + 16 <= n {
            let eightsA = addEight(raw, from: i, &ones, &twos, &fours)
            let eightsB = addEight(raw, from: i + 8, &ones, &twos, &fours)
            var carries = Lanes()
            (carries, eights) = add(eights, eightsA, eightsB)
            sixteens &+= byteCounts(carries)
            blocks += 1
            // A byte counts at most 8 bits a block: 31 blocks fit in it.
            if blocks == 31 {
                sum &+= total(sixteens)
                sixteens = Lanes()
                blocks = 0
            }
            i += 16
        }
        var result = 16 &* (sum &+ total(sixteens))
        result &+= 8 &* total(byteCounts(eights)) &+ 4 &* total(byteCounts(fours)) &+ 2 &* total(byteCounts(twos))
            &+ total(byteCounts(ones))
        while i < n {
            result &+= total(byteCounts(pair(raw, i)))
            i += 1
        }
        return result
    }

    /// Adds eight pairs of words from pair `i` on to the sums of weight 1, 2 and 4; returns the
    /// carries of weight 8.
    @inline(__always)
    private static func addEight(_ raw: UnsafeRawPointer, from i: Int, _ ones: inout Lanes, _ twos: inout Lanes, _ fours: inout Lanes) -> Lanes {
        var twosA = Lanes(), twosB = Lanes(), foursA = Lanes(), foursB = Lanes(), eights = Lanes()
        (twosA, ones) = add(ones, pair(raw, i), pair(raw, i + 1))
        (twosB, ones) = add(ones, pair(raw, i + 2), pair(raw, i + 3))
        (foursA, twos) = add(twos, twosA, twosB)
        (twosA, ones) = add(ones, pair(raw, i + 4), pair(raw, i + 5))
        (twosB, ones) = add(ones, pair(raw, i + 6), pair(raw, i + 7))
        (foursB, twos) = add(twos, twosA, twosB)
        (eights, fours) = add(fours, foursA, foursB)
        return eights
    }

    /// Pair `i` of the words from `raw`.
    @inline(__always)
    private static func pair(_ raw: UnsafeRawPointer, _ i: Int) -> Lanes {
        raw.loadUnaligned(fromByteOffset: i &* 16, as: Lanes.self)
    }

    /// A carry-save adder of three bit vectors: the carries (weight 2) and the sums (weight 1).
    @inline(__always)
    private static func add(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> (carries: Lanes, sums: Lanes) {
        let u = a ^ b
        return ((a & b) | (u & c), u ^ c)
    }

    /// The number of set bits of each byte.
    @inline(__always)
    private static func byteCounts(_ x: Lanes) -> Lanes {
        var x = x &- ((x &>> 1) & Lanes(repeating: 0x5555_5555_5555_5555))
        x = (x & Lanes(repeating: 0x3333_3333_3333_3333)) &+ ((x &>> 2) & Lanes(repeating: 0x3333_3333_3333_3333))
        return (x &+ (x &>> 4)) & Lanes(repeating: 0x0F0F_0F0F_0F0F_0F0F)
    }

    /// The sum of the bytes of both lanes (each byte at most 255).
    @inline(__always)
    private static func total(_ bytes: Lanes) -> Int {
        var sum = 0
        for lane in 0..<2 {
            let halves = (bytes[lane] & 0x00FF_00FF_00FF_00FF) &+ ((bytes[lane] >> 8) & 0x00FF_00FF_00FF_00FF)
            sum &+= Int(truncatingIfNeeded: (halves &* 0x0001_0001_0001_0001) >> 48)
        }
        return sum
    }
}
