import Foundation

/// Normalizes email addresses to identity keys and search keys.
///
/// Syntax follows the `email-validator` package's defaults: one `@`, a dot-atom local part
/// (Unicode allowed), no quoted local parts or IP literals, and a domain with a dot that is not
/// a special-use name. The key is trimmed, lowercased, with the domain in IDNA ASCII form.
public enum EmailNormalizer {
    private static let specialUseDomains: [[UInt8]] = ["arpa", "invalid", "local", "localhost", "onion", "test"].map { Array($0.utf8) }

    /// Validates an address and gives its identity key.
    public static func normalize(_ input: String) -> Result<String, EmailError> {
        var bytes = Array(input.utf8)[...]
        while let first = bytes.first, isASCIISpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isASCIISpace(last) { bytes.removeLast() }
        if let first = bytes.first, let last = bytes.last, first >= 0x80 || last >= 0x80 {
            bytes = Array(input.trimmingCharacters(in: .whitespacesAndNewlines).utf8)[...]
        }
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return .failure(.missingAt) }
        let local = bytes[..<at]
        if let error = localError(local) { return .failure(error) }
        switch asciiDomain(bytes[(at + 1)...]) {
        case .failure(let error):
            return .failure(error)
        case .success(let domain):
            var key: [UInt8] = []
            if local.allSatisfy({ $0 < 0x80 }) {
                key.reserveCapacity(local.count + 1 + domain.count)
                key.append(contentsOf: local.lazy.map(lowercaseASCII))
            } else {
                key.append(contentsOf: String(decoding: local, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased().utf8)
            }
            key.append(UInt8(ascii: "@"))
            key.append(contentsOf: domain)
            return .success(String(decoding: key, as: UTF8.self))
        }
    }

    /// The search keys of an address with their ranges, without validating it.
    public static func searchKeys(of input: String) -> [EmailAnalysis.Key] {
        let identity = input.utf8.contains { $0 >= 0x80 } ? try? normalize(input).get() : nil
        return searchKeys(input, identity: identity)
    }

    /// The full analysis: key, reason, and search keys with their ranges.
    public static func analyze(_ input: String) -> EmailAnalysis {
        let result = normalize(input)
        var analysis = EmailAnalysis(input: input, key: nil, error: nil, searchKeys: [])
        switch result {
        case .success(let key): analysis.key = key
        case .failure(let error): analysis.error = error
        }
        analysis.searchKeys = searchKeys(input, identity: analysis.key)
        return analysis
    }

    /// ASCII characters allowed unquoted in a local part: letters, digits, atext and the dot.
    private static let localASCII: [Bool] = (0..<128).map { b in
        let c = UInt8(b)
        return (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
            || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(c)
    }

    private static func localError(_ local: ArraySlice<UInt8>) -> EmailError? {
        guard !local.isEmpty else { return .emptyLocalPart }
        if local.first == UInt8(ascii: "\"") { return .quotedLocalPart }
        var i = local.startIndex
        var count = 0
        while i < local.endIndex {
            let b = local[i]
            count += 1
            if b < 0x80 {
                if !localASCII[Int(b)] { return .invalidCharacter(String(Unicode.Scalar(b))) }
                i += 1
                continue
            }
            let (scalar, length) = decode(local, at: i)
            let properties = scalar.properties
            if properties.isWhitespace || properties.generalCategory == .control || properties.generalCategory == .format {
                return .invalidCharacter(String(scalar))
            }
            i += length
        }
        if count > 64 { return .localPartTooLong }
        return dotsError(local)
    }

    private static func dotsError(_ part: ArraySlice<UInt8>) -> EmailError? {
        if part.first == UInt8(ascii: ".") || part.last == UInt8(ascii: ".") { return .dotAtEdge }
        var previousDot = false
        for b in part {
            let dot = b == UInt8(ascii: ".")
            if dot && previousDot { return .consecutiveDots }
            previousDot = dot
        }
        return nil
    }

    /// The domain in lowercase IDNA ASCII form, after checking its syntax.
    private static func asciiDomain(_ domain: ArraySlice<UInt8>) -> Result<[UInt8], EmailError> {
        guard !domain.isEmpty else { return .failure(.emptyDomain) }
        if domain.first == UInt8(ascii: "[") { return .failure(.domainLiteral) }
        if let error = dotsError(domain) { return .failure(error) }
        if domain.allSatisfy({ $0 < 0x80 }) { return asciiOnlyDomain(domain) }
        var labels: [String] = []
        let mapped = String(decoding: domain, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased()
        for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
            let scalars = Array(label.unicodeScalars)
            for scalar in scalars {
                let ok = scalar.isASCII
                    ? isLowerAlphanumeric(UInt8(scalar.value)) || scalar == "-"
                    : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark
                        || scalar.properties.generalCategory == .spacingMark)
                if !ok { return .failure(.invalidCharacter(String(scalar))) }
            }
            if scalars.allSatisfy(\.isASCII) {
                labels.append(String(label))
            } else {
                guard let encoded = Punycode.encode(scalars) else { return .failure(.invalidDomainLabel(String(label))) }
                labels.append("xn--" + encoded)
            }
        }
        return asciiOnlyDomain(ArraySlice(labels.joined(separator: ".").utf8))
    }

    /// The checks of a domain of ASCII bytes (as typed, or after IDNA), in order: its characters,
    /// its labels, its top-level domain; the domain lowercased, in one allocation.
    private static func asciiOnlyDomain(_ domain: ArraySlice<UInt8>) -> Result<[UInt8], EmailError> {
        var out: [UInt8] = []
        out.reserveCapacity(domain.count)
        for b in domain {
            let lower = lowercaseASCII(b)
            guard isLowerAlphanumeric(lower) || lower == UInt8(ascii: "-") || lower == UInt8(ascii: ".") else {
                return .failure(.invalidCharacter(String(Unicode.Scalar(b))))
            }
            out.append(lower)
        }
        var labelStart = 0
        var labels = 0
        for i in 0...out.count where i == out.count || out[i] == UInt8(ascii: ".") {
            let label = out[labelStart..<i]
            if label.isEmpty || label.count > 63 || label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
                return .failure(.invalidDomainLabel(String(decoding: label, as: UTF8.self)))
            }
            labels += 1
            if i < out.count { labelStart = i + 1 }
        }
        guard labels >= 2 else { return .failure(.domainWithoutDot) }
        let tld = out[labelStart...]
        if tld.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return .failure(.numericTopLevelDomain) }
        if specialUseDomains.contains(where: { $0.elementsEqual(tld) }) {
            return .failure(.specialUseDomain(String(decoding: out, as: UTF8.self)))
        }
        if out.count > 253 { return .failure(.domainTooLong) }
        return .success(out)
    }

    private static func lowercaseASCII(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    private static func isLowerAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let length = bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2
        let end = min(i + length, bytes.endIndex)
        let scalar = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return (scalar, end - i)
    }

    /// Search keys of a stored address: the whole address, the local part's pieces, the domain
    /// and its labels, folded like text; the IDNA domain too when it differs.
    private static func searchKeys(_ input: String, identity: String?) -> [EmailAnalysis.Key] {
        var keys: [EmailAnalysis.Key] = []
        forEachSearchKey(of: input, identity: identity) { folded, utf16Range, position in
            keys.append(.init(text: String(decoding: folded, as: UTF8.self), utf16Range: utf16Range, position: position))
        }
        return keys
    }

    /// Calls `body` with each search key of an address as `analyze` gives them, in order, as
    /// folded bytes with their range in UTF-16 code units and their ordinal; `identity` is the
    /// address's identity key when it is valid (its IDNA domain is a key when it differs from
    /// the domain as typed, and so is the whole identity key then).
    public static func forEachSearchKey(
        of input: String, identity: String?, _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ utf16Range: Range<Int>, _ position: Int) -> Void
    ) {
        var input = input
        var identity = identity
        input.withUTF8 { bytes in
            var addressRange = 0..<0
            forEachSearchKey(utf8: bytes) { folded, utf16Range, position, part in
                if part == .address { addressRange = utf16Range }
                body(folded, utf16Range, position)
                guard part == .domain, identity != nil else { return }
                identity!.withUTF8 { key in
                    guard let at = key.lastIndex(of: UInt8(ascii: "@")) else { return }
                    let ascii = UnsafeBufferPointer(rebasing: key[(at + 1)...])
                    guard !ascii.elementsEqual(folded) else { return }
                    body(ascii, utf16Range, position)
                    var foldedKey: [UInt8] = []
                    TextFolding.fold(utf8: key, into: &foldedKey)
                    foldedKey.withUnsafeBufferPointer { body($0, addressRange, 0) }
                }
            }
        }
    }
}
