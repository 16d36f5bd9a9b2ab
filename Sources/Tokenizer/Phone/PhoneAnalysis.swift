/// What the normalizer makes of a stored phone value, and the keys that make it searchable.
public struct PhoneAnalysis: Sendable, Hashable {
    /// The text as given.
    public var input: String
    /// The E.164 form, nil when the text could not be normalized.
    public var e164: String?
    /// The extension, kept apart from the number.
    public var phoneExtension: String?
    /// Why normalization failed, nil when it worked.
    public var error: PhoneParseError?
    /// Digit strings a fragment is searched in: the E.164 digits and the digits as typed.
    public var digitStrings: [String]
    /// Where the national significant number begins in each of `digitStrings`: after the country
    /// code in the E.164 digits, after a trunk or international prefix in the typed digits; 0
    /// when the text could not be normalized.
    public var nationalStarts: [Int]

    /// Creates the analysis of a parse result.
    public init(input: String, parsed: Result<PhoneNumber, PhoneParseError>) {
        self.input = input
        let typed = PhoneDigits.typedDigits(of: input)
        switch parsed {
        case .success(let number):
            e164 = number.e164
            phoneExtension = number.phoneExtension
            error = nil
            let full = number.e164Digits
            digitStrings = [full]
            nationalStarts = [full.utf8.count - number.nationalNumber.utf8.count]
            let typedNumber = PhoneDigits.digitsBeforeExtension(typed, number.phoneExtension)
            if !typedNumber.isEmpty, typedNumber != full {
                digitStrings.append(typedNumber)
                let national = number.nationalNumber
                nationalStarts.append(typedNumber.hasSuffix(national) ? typedNumber.utf8.count - national.utf8.count : 0)
            }
        case .failure(let reason):
            e164 = nil
            phoneExtension = nil
            error = reason
            digitStrings = typed.isEmpty ? [] : [typed]
            nationalStarts = typed.isEmpty ? [] : [0]
        }
    }

    /// Every search key: each suffix of each digit string, at least `PhoneDigits.minimumFragment`
    /// long, so that a typed fragment finds the number by prefix of a key.
    public var keys: [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for digits in digitStrings {
            for suffix in PhoneDigits.suffixes(of: digits) where seen.insert(suffix).inserted {
                keys.append(suffix)
            }
        }
        return keys
    }
}
