/// One digit string of a contact searched by substring: a phone's E.164 or typed digits, or a
/// document number's digits.
struct DigitString {
    var digits: [UInt8]
    /// The field and position of the phone or custom field it comes from.
    var info: KeyInfo
    /// Where the national significant number begins in `digits` (0 when unknown): a fragment
    /// found there, or at the start, begins the number.
    var nationalStart: Int

    /// The tier of a fragment found at `offset`: a whole-word match when the fragment is the
    /// whole string (of four digits or more), else a prefix match; at the string's position when
    /// it begins the string or its national number, eight positions later when it lies inside.
    static func tier(_ info: KeyInfo, length: Int, nationalStart: Int, offset: Int, fragmentLength: Int) -> UInt8 {
        let position = min(info.raw & 15, 7) | (offset == 0 || offset == nationalStart ? 0 : 8)
        let raw = info.raw & 0xF0 | position
        return offset == 0 && fragmentLength == length && length > 3 ? raw : raw | UInt8(WordMatches.prefixBit)
    }

    /// The best tier of a fragment in `digits`, nil when it is not there.
    static func bestTier(_ digits: UnsafeBufferPointer<UInt8>, _ info: KeyInfo, nationalStart: Int, _ fragment: [UInt8]) -> UInt8? {
        guard let first = DigitIndex.firstOccurrence(of: fragment, in: digits) else { return nil }
        var offset = first
        if nationalStart > first, UnsafeBufferPointer(rebasing: digits[nationalStart...]).starts(with: fragment) {
            offset = nationalStart
        }
        return tier(info, length: digits.count, nationalStart: nationalStart, offset: offset, fragmentLength: fragment.count)
    }
}
