import Tokenizer

/// The keys of one contact: folded words of its searchable fields with where they stand, and the
/// digit strings of its phones and digit-only custom fields for substring search.
struct ContactKeys {
    /// Folded key bytes, one key after another.
    private(set) var bytes: ContiguousArray<UInt8> = []
    /// Each key's range in `bytes` and its field and position.
    private(set) var keys: [(range: Range<Int>, info: KeyInfo)] = []
    /// Digit strings with their field and position.
    private(set) var digits: [DigitString] = []
    /// Identity keys of the valid emails, for lookup.
    private(set) var emailKeys: [String] = []
    /// E.164 forms of the valid phones, for lookup.
    private(set) var e164s: [String] = []

    init(_ contact: Contact, schema: FieldSchema, phones: PhoneNormalizer) {
        var tokens = TokenizedText()
        let tokenizer = TextTokenizer(mode: .index)
        if let name = contact.name { addText(name, .name, tokenizer, &tokens) }
        if let username = contact.username {
            addText(username, .username, tokenizer, &tokens)
            if QueryPlan.isHandle(username) { add(Array(TextFolding.fold(username).utf8), KeyInfo(field: .username, position: 0)) }
        }
        for email in contact.emails {
            let key = try? EmailNormalizer.normalize(email).get()
            if let key { emailKeys.append(key) }
            EmailNormalizer.forEachSearchKey(of: email, identity: key) { folded, _, position in
                add(folded, KeyInfo(field: .email, position: position))
            }
        }
        for (i, phone) in contact.phones.enumerated() {
            let analysis = phones.analyze(phone)
            if let e164 = analysis.e164 { e164s.append(e164) }
            for (digitString, nationalStart) in zip(analysis.digitStrings, analysis.nationalStarts) {
                digits.append(DigitString(digits: Array(digitString.utf8), info: KeyInfo(field: .phone, position: i), nationalStart: nationalStart))
            }
        }
        for (key, value) in contact.customFields where schema.isSearchable(key) {
            addText(value, .customField, tokenizer, &tokens)
            if Self.isDigitValue(value) {
                let typed = Array(PhoneDigits.typedDigits(of: value).utf8)
                digits.append(DigitString(digits: typed, info: KeyInfo(field: .customField, position: 0), nationalStart: 0))
            }
        }
    }

    private mutating func addText(_ text: String, _ field: SearchField, _ tokenizer: TextTokenizer, _ tokens: inout TokenizedText) {
        tokenizer.tokenize(text, into: &tokens)
        for token in tokens.tokens {
            let start = bytes.count
            bytes.append(contentsOf: tokens.folded[token.bytes])
            keys.append((start..<bytes.count, KeyInfo(field: field, position: token.position)))
        }
    }

    private mutating func add(_ key: some Collection<UInt8>, _ info: KeyInfo) {
        guard !key.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: key)
        keys.append((start..<bytes.count, info))
    }

    /// Whether a custom field value is a number with punctuation (`123.456.789-09`), searched by digits.
    static func isDigitValue(_ value: String) -> Bool {
        var digitCount = 0
        for scalar in value.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digitCount += 1
            } else if !" .-/()+".unicodeScalars.contains(scalar) {
                return false
            }
        }
        return digitCount >= PhoneDigits.minimumFragment
    }
}
