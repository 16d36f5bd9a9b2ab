/// Which part of an address a search key covers.
enum EmailKeyPart: Sendable, Equatable {
    /// The whole address.
    case address
    /// A piece of the local part, split at `.`, `+`, `_` and `-`.
    case localPiece
    /// The whole domain.
    case domain
    /// A label of the domain.
    case label
}

extension EmailNormalizer {
    /// Calls `body` with each search key of a stored address, read from its UTF-8 bytes without
    /// validating it: the key's folded bytes, its range in the input in UTF-16 code units, its
    /// ordinal among the address's words, and the part it covers. The whole address comes
    /// first, then the local part's pieces, the domain and its labels; the IDNA forms of a
    /// non-ASCII domain are not among them (`searchKeys(of:)` adds them).
    static func forEachSearchKey(
        utf8 bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ utf16Range: Range<Int>, _ position: Int, _ part: EmailKeyPart) -> Void
    ) {
        var start = 0
        var end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return }
        var scanner = SearchKeyScanner(bytes: bytes)
        _ = scanner.key(start..<end, .address, body)
        guard let at = (start..<end).last(where: { bytes[$0] == UInt8(ascii: "@") }) else {
            scanner.pieces(start..<end, .localPiece, splitAt: .nonAlphanumeric, body)
            return
        }
        scanner.pieces(start..<at, .localPiece, splitAt: .localSeparator, body)
        let domain = (at + 1)..<end
        guard !domain.isEmpty, scanner.key(domain, .domain, body) else { return }
        scanner.pieces(domain, .label, splitAt: .dot, body)
    }

    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
}

/// Folds the pieces of one address and numbers them; state of `forEachSearchKey`.
private struct SearchKeyScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let utf16: UTF16Offsets
    var folded: [UInt8] = []
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        utf16 = UTF16Offsets(bytes)
        folded.reserveCapacity(bytes.count + 8)
    }

    /// Gives the key of `range` to `body` unless it folds to nothing; the whole address and
    /// domain keys share the position of the piece that follows them.
    mutating func key(
        _ range: Range<Int>, _ part: EmailKeyPart,
        _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Int, EmailKeyPart) -> Void
    ) -> Bool {
        folded.removeAll(keepingCapacity: true)
        TextFolding.fold(utf8: UnsafeBufferPointer(rebasing: bytes[range]), into: &folded)
        guard !folded.isEmpty else { return false }
        let utf16Range = utf16[range.lowerBound]..<utf16[range.upperBound]
        let position = part == .address ? 0 : self.position
        folded.withUnsafeBufferPointer { body($0, utf16Range, position, part) }
        return true
    }

    /// What splits a part into pieces.
    enum Separator {
        /// `.`, `+`, `_` and `-`, in a local part.
        case localSeparator
        /// `.`, in a domain.
        case dot
        /// Any ASCII character but a letter or a digit, in a value without `@`.
        case nonAlphanumeric

        func matches(_ b: UInt8) -> Bool {
            switch self {
            case .localSeparator: b == 0x2E || b == 0x2B || b == 0x5F || b == 0x2D
            case .dot: b == 0x2E
            case .nonAlphanumeric: b < 0x80 && !((b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10)
            }
        }
    }

    /// Gives the keys of the pieces of `range` between separators, numbering them.
    mutating func pieces(
        _ range: Range<Int>, _ part: EmailKeyPart, splitAt separator: Separator,
        _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Int, EmailKeyPart) -> Void
    ) {
        var pieceStart = range.lowerBound
        for i in range.lowerBound...range.upperBound where i == range.upperBound || separator.matches(bytes[i]) {
            if i > pieceStart, key(pieceStart..<i, part, body) { position += 1 }
            pieceStart = i + 1
        }
    }
}
