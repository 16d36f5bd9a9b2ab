/// The fold and class of every scalar, built once from the generated `source` text.
///
/// Layout: scalars below U+10000 index `bmp` directly; the others are found by binary search in
/// `astralRanges`. An entry packs the class in its low 2 bits and, above them, 1 + the index of its
/// fold in `foldStarts` (0 means the scalar folds to itself).
///
///     entry = (foldIndex + 1) << 2 | class
///     folded UTF-8 bytes = foldBytes[foldStarts[foldIndex] ..< foldStarts[foldIndex + 1]]
struct FoldTable: Sendable {
    /// Shared table, parsed on first use.
    static let shared = FoldTable(parsing: FoldTable.source)

    private(set) var bmp: ContiguousArray<UInt32>
    private(set) var astralRanges: ContiguousArray<(low: UInt32, high: UInt32, entry: UInt32)>
    private(set) var foldBytes: ContiguousArray<UInt8>
    private(set) var foldStarts: ContiguousArray<Int32>

    init(parsing text: String) {
        bmp = ContiguousArray(repeating: 0, count: 0x10000)
        astralRanges = []
        foldBytes = []
        foldStarts = [0]
        for c in 0x30...0x39 { bmp[c] = UInt32(ScalarClass.word.rawValue) }
        for c in 0x41...0x5A { bmp[c] = UInt32(ScalarClass.word.rawValue) }
        for c in 0x61...0x7A { bmp[c] = UInt32(ScalarClass.word.rawValue) }
        bmp[0x27] = UInt32(ScalarClass.joiner.rawValue)
        bmp[0x2D] = UInt32(ScalarClass.joiner.rawValue)
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard fields.count >= 2, let cls = UInt32(Self.decimal(fields[1])) else { continue }
            let span = fields[0].split(separator: UInt8(ascii: "-"))
            let low = Self.hex(span[0])
            if span.count == 2 {
                let high = Self.hex(span[1])
                setEntry(low: low, high: high, entry: cls)
                continue
            }
            var folded = String.UnicodeScalarView()
            if fields.count > 2 {
                for cp in fields[2].split(separator: UInt8(ascii: ",")) {
                    if let scalar = Unicode.Scalar(Self.hex(cp)) { folded.append(scalar) }
                }
            }
            foldBytes.append(contentsOf: String(folded).utf8)
            foldStarts.append(Int32(foldBytes.count))
            let entry = UInt32(foldStarts.count - 1) << 2 | cls
            setEntry(low: low, high: low, entry: entry)
        }
    }

    private mutating func setEntry(low: UInt32, high: UInt32, entry: UInt32) {
        if high < 0x10000 {
            for cp in Int(low)...Int(high) { bmp[cp] = entry }
        } else {
            astralRanges.append((low, high, entry))
        }
    }

    /// The packed entry of a scalar value.
    @inline(__always)
    func entry(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x10000 { return bmp[Int(scalar)] }
        var lo = 0
        var hi = astralRanges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let range = astralRanges[mid]
            if scalar < range.low {
                hi = mid
            } else if scalar > range.high {
                lo = mid + 1
            } else {
                return range.entry
            }
        }
        return 0
    }

    /// Appends the fold of a non-ASCII scalar, given its UTF-8 bytes and its entry, to `out`:
    /// its own bytes when it folds to itself.
    @inline(__always)
    func appendFold<Out: RangeReplaceableCollection>(of scalar: UnsafeBufferPointer<UInt8>, entry: UInt32, to out: inout Out)
    where Out.Element == UInt8 {
        let fold = Int(entry >> 2)
        guard fold != 0 else {
            out.append(contentsOf: scalar)
            return
        }
        let range = Int(foldStarts[fold - 1])..<Int(foldStarts[fold])
        foldBytes.withUnsafeBufferPointer { out.append(contentsOf: $0[range]) }
    }

    /// The number of bytes a non-ASCII scalar of `length` UTF-8 bytes folds to, from its entry.
    @inline(__always)
    func foldedCount(entry: UInt32, length: Int) -> Int {
        let fold = Int(entry >> 2)
        return fold == 0 ? length : Int(foldStarts[fold] - foldStarts[fold - 1])
    }

    private static func hex(_ bytes: Substring.UTF8View.SubSequence) -> UInt32 {
        var value: UInt32 = 0
        for b in bytes {
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: digit = 0
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func decimal(_ bytes: Substring.UTF8View.SubSequence) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
