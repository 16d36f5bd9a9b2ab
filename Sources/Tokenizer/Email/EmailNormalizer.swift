import Foundation

/// Normalizes email addresses to identity keys and search keys.
///
/// Syntax follows the `email-validator` package's defaults: one `@`, a dot-atom local part
/// (Unicode allowed), no quoted local parts or IP literals, and a domain with a dot that is not
/// a special-use name. The key is trimmed, lowercased, with the domain in IDNA ASCII form.
public enum EmailNormalizer {
    private static let specialUseDomains: Set<String> = ["arpa", "invalid", "local", "localhost", "onion", "test"]
    private static let atext = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
    private static let localSeparators = Set(".+_-".unicodeScalars)

    /// Validates an address and gives its identity key.
    public static func normalize(_ input: String) -> Result<String, EmailError> {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        guard let at = trimmed.lastIndex(of: "@") else { return .failure(.missingAt) }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...])
        switch validateLocal(local) {
        case .failure(let error): return .failure(error)
        case .success: break
        }
        switch asciiDomain(domain) {
        case .failure(let error): return .failure(error)
        case .success(let ascii): return .success(local.precomposedStringWithCanonicalMapping.lowercased() + "@" + ascii)
        }
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

    private static func validateLocal(_ local: String) -> Result<Void, EmailError> {
        guard !local.isEmpty else { return .failure(.emptyLocalPart) }
        if local.hasPrefix("\"") { return .failure(.quotedLocalPart) }
        if local.unicodeScalars.count > 64 { return .failure(.localPartTooLong) }
        for scalar in local.unicodeScalars {
            if scalar.isASCII {
                let ok = (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) || atext.contains(scalar) || scalar == "."
                if !ok { return .failure(.invalidCharacter(String(scalar))) }
            } else if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                        || scalar.properties.generalCategory == .format {
                return .failure(.invalidCharacter(String(scalar)))
            }
        }
        return checkDots(local)
    }

    private static func checkDots(_ part: String) -> Result<Void, EmailError> {
        if part.hasPrefix(".") || part.hasSuffix(".") { return .failure(.dotAtEdge) }
        if part.contains("..") { return .failure(.consecutiveDots) }
        return .success(())
    }

    /// The domain in lowercase IDNA ASCII form, after checking its syntax.
    static func asciiDomain(_ domain: String) -> Result<String, EmailError> {
        guard !domain.isEmpty else { return .failure(.emptyDomain) }
        if domain.hasPrefix("[") { return .failure(.domainLiteral) }
        switch checkDots(domain) {
        case .failure(let error): return .failure(error)
        case .success: break
        }
        let mapped = domain.precomposedStringWithCanonicalMapping.lowercased()
        var labels: [String] = []
        for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
            let scalars = Array(label.unicodeScalars)
            for scalar in scalars {
                let ok = scalar.isASCII
                    ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-")
                    : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark
                        || scalar.properties.generalCategory == .spacingMark)
                if !ok { return .failure(.invalidCharacter(String(scalar))) }
            }
            var ascii = String(label)
            if !scalars.allSatisfy(\.isASCII) {
                guard let encoded = Punycode.encode(scalars) else { return .failure(.invalidDomainLabel(String(label))) }
                ascii = "xn--" + encoded
            }
            if ascii.isEmpty || ascii.count > 63 || ascii.hasPrefix("-") || ascii.hasSuffix("-") {
                return .failure(.invalidDomainLabel(String(label)))
            }
            labels.append(ascii)
        }
        guard labels.count >= 2 else { return .failure(.domainWithoutDot) }
        if let tld = labels.last, tld.allSatisfy(\.isNumber) { return .failure(.numericTopLevelDomain) }
        if let tld = labels.last, specialUseDomains.contains(tld) { return .failure(.specialUseDomain(mapped)) }
        let ascii = labels.joined(separator: ".")
        if ascii.utf8.count > 253 { return .failure(.domainTooLong) }
        return .success(ascii)
    }

    /// Search keys of a stored address: the whole address, the local part's pieces, the domain
    /// and its labels, folded like text; the IDNA domain too when it differs.
    private static func searchKeys(_ input: String, identity: String?) -> [EmailAnalysis.Key] {
        let utf16 = Array(input.utf16)
        var start = 0
        var end = utf16.count
        while start < end, isSpace(utf16[start]) { start += 1 }
        while end > start, isSpace(utf16[end - 1]) { end -= 1 }
        guard start < end else { return [] }
        func folded(_ range: Range<Int>) -> String {
            TextFolding.fold(String(decoding: utf16[range], as: UTF16.self))
        }
        var keys: [EmailAnalysis.Key] = []
        keys.append(.init(text: folded(start..<end), utf16Range: start..<end, position: 0))
        guard let at = utf16[start..<end].lastIndex(of: 0x40) else {
            return keys + pieces(utf16, start..<end, separators: nil, firstPosition: 0, folded: folded)
        }
        keys += pieces(utf16, start..<at, separators: localSeparators, firstPosition: 0, folded: folded)
        let domainRange = (at + 1)..<end
        guard !domainRange.isEmpty else { return keys }
        let nextPosition = (keys.map(\.position).max() ?? 0) + 1
        keys.append(.init(text: folded(domainRange), utf16Range: domainRange, position: nextPosition))
        if let identity, let asciiAt = identity.lastIndex(of: "@") {
            let ascii = String(identity[identity.index(after: asciiAt)...])
            if ascii != folded(domainRange) {
                keys.append(.init(text: ascii, utf16Range: domainRange, position: nextPosition))
                keys.append(.init(text: TextFolding.fold(identity), utf16Range: start..<end, position: 0))
            }
        }
        keys += pieces(utf16, domainRange, separators: ["."], firstPosition: nextPosition, folded: folded)
        return keys
    }

    private static func pieces(
        _ utf16: [UInt16], _ range: Range<Int>, separators: Set<Unicode.Scalar>?, firstPosition: Int,
        folded: (Range<Int>) -> String
    ) -> [EmailAnalysis.Key] {
        var keys: [EmailAnalysis.Key] = []
        var pieceStart = range.lowerBound
        var position = firstPosition
        func isSeparator(_ unit: UInt16) -> Bool {
            guard let scalar = Unicode.Scalar(unit) else { return false }
            if let separators { return separators.contains(scalar) }
            return !scalar.properties.isAlphabetic && scalar.properties.numericType == nil
        }
        for i in range.lowerBound...range.upperBound {
            if i == range.upperBound || isSeparator(utf16[i]) {
                if i > pieceStart {
                    let text = folded(pieceStart..<i)
                    if !text.isEmpty { keys.append(.init(text: text, utf16Range: pieceStart..<i, position: position)) }
                    position += 1
                }
                pieceStart = i + 1
            }
        }
        return keys
    }

    private static func isSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || (0x09...0x0D).contains(unit) || unit == 0xA0
    }
}
