import Foundation

/// Normalizes email addresses to identity keys and search keys.
///
/// Syntax follows the `email-validator` package's defaults: one `@`, a dot-atom local part
/// (Unicode allowed), no quoted local parts or IP literals, and a domain with a dot that is not
/// a special-use name. The key is trimmed, lowercased, with the domain in IDNA ASCII form.
public enum EmailNormalizer {
    private static let specialUseDomains: Set<String> = ["arpa", "invalid", "local", "localhost", "onion", "test"]

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
            let localKey = local.allSatisfy { $0 < 0x80 }
                ? String(decoding: local.map(lowercaseASCII), as: UTF8.self)
                : String(decoding: local, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased()
            return .success(localKey + "@" + domain)
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
    static func asciiDomain(_ domain: ArraySlice<UInt8>) -> Result<String, EmailError> {
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

    /// The checks of a domain of ASCII bytes (as typed, or after IDNA), in one pass and one allocation.
    private static func asciiOnlyDomain(_ domain: ArraySlice<UInt8>) -> Result<String, EmailError> {
        var out: [UInt8] = []
        out.reserveCapacity(domain.count)
        var labels: [Range<Int>] = []
        var start = 0
        for b in domain {
            if b == UInt8(ascii: ".") {
                labels.append(start..<out.count)
                out.append(b)
                start = out.count
                continue
            }
            let lower = lowercaseASCII(b)
            guard isLowerAlphanumeric(lower) || lower == UInt8(ascii: "-") else {
                return .failure(.invalidCharacter(String(Unicode.Scalar(b))))
            }
            out.append(lower)
        }
        labels.append(start..<out.count)
        for label in labels where label.isEmpty || label.count > 63 || out[label.lowerBound] == UInt8(ascii: "-")
            || out[label.upperBound - 1] == UInt8(ascii: "-") {
            return .failure(.invalidDomainLabel(String(decoding: out[label], as: UTF8.self)))
        }
        guard labels.count >= 2, let tld = labels.last else { return .failure(.domainWithoutDot) }
        if out[tld].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return .failure(.numericTopLevelDomain) }
        let ascii = String(decoding: out, as: UTF8.self)
        if specialUseDomains.contains(String(decoding: out[tld], as: UTF8.self)) { return .failure(.specialUseDomain(ascii)) }
        if out.count > 253 { return .failure(.domainTooLong) }
        return .success(ascii)
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
        var domainIndex: Int?
        var input = input
        input.withUTF8 { bytes in
            forEachSearchKey(utf8: bytes) { folded, utf16Range, position, part in
                if part == .domain { domainIndex = keys.count }
                keys.append(.init(text: String(decoding: folded, as: UTF8.self), utf16Range: utf16Range, position: position))
            }
        }
        if let identity, let domainIndex, let asciiAt = identity.lastIndex(of: "@") {
            let domainKey = keys[domainIndex]
            let ascii = String(identity[identity.index(after: asciiAt)...])
            if ascii != domainKey.text {
                keys.insert(contentsOf: [
                    .init(text: ascii, utf16Range: domainKey.utf16Range, position: domainKey.position),
                    .init(text: TextFolding.fold(identity), utf16Range: keys[0].utf16Range, position: 0),
                ], at: domainIndex + 1)
            }
        }
        return keys
    }
}
