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
        var adder = Adder(phones: phones)
        if let name = contact.name { adder.addName(name, to: &self) }
        if let username = contact.username { adder.addUsername(username, to: &self) }
        for email in contact.emails { adder.addEmail(email, to: &self) }
        for phone in contact.phones { adder.addPhone(phone, to: &self) }
        for (key, value) in contact.customFields where schema.isSearchable(key) { adder.addCustomField(value, to: &self) }
    }

    /// The keys of the contact stored as `json` with its `FieldSpans` record, read from the
    /// values the record locates instead of a parse of the whole JSON: the same keys as
    /// `init(_:schema:phones:)` gives for the contact (replacing a contact reads its old keys).
    init(stored json: UnsafeBufferPointer<UInt8>, record: UnsafeBufferPointer<UInt8>, schema: FieldSchema, phones: PhoneNormalizer) {
        var adder = Adder(phones: phones)
        var fields = StoredFields(json, record: record)
        func text(_ span: StoredFields.Span) -> String {
            span.isEscaped
                ? String(decoding: StoredFields.decode(span, in: json), as: UTF8.self)
                : String(decoding: UnsafeBufferPointer(rebasing: json[span.range]), as: UTF8.self)
        }
        while let item = fields.next() {
            switch item.field {
            case .name: adder.addName(text(item.value), to: &self)
            case .username: adder.addUsername(text(item.value), to: &self)
            case .email: adder.addEmail(text(item.value), to: &self)
            case .phone: adder.addPhone(text(item.value), to: &self)
            case .customField:
                if let key = item.key, schema.isSearchable(text(key)) { adder.addCustomField(text(item.value), to: &self) }
            }
        }
    }

    /// Adds a contact's values to its keys, in the order of the contact's fields.
    private struct Adder {
        let phones: PhoneNormalizer
        let tokenizer = TextTokenizer(mode: .index)
        var tokens = TokenizedText()
        var phoneCount = 0

        mutating func addName(_ name: String, to keys: inout ContactKeys) {
            keys.addText(name, .name, tokenizer, &tokens)
        }

        mutating func addUsername(_ username: String, to keys: inout ContactKeys) {
            keys.addText(username, .username, tokenizer, &tokens)
            if QueryPlan.isHandle(username) { keys.add(Array(TextFolding.fold(username).utf8), KeyInfo(field: .username, position: 0)) }
        }

        func addEmail(_ email: String, to keys: inout ContactKeys) {
            let key = try? EmailNormalizer.normalize(email).get()
            if let key { keys.emailKeys.append(key) }
            EmailNormalizer.forEachSearchKey(of: email, identity: key) { folded, _, position in
                keys.add(folded, KeyInfo(field: .email, position: position))
            }
        }

        mutating func addPhone(_ phone: String, to keys: inout ContactKeys) {
            let analysis = phones.analyze(phone)
            if let e164 = analysis.e164 { keys.e164s.append(e164) }
            for (digitString, nationalStart) in zip(analysis.digitStrings, analysis.nationalStarts) {
                keys.digits.append(DigitString(
                    digits: Array(digitString.utf8), info: KeyInfo(field: .phone, position: phoneCount), nationalStart: nationalStart))
            }
            phoneCount += 1
        }

        mutating func addCustomField(_ value: String, to keys: inout ContactKeys) {
            keys.addText(value, .customField, tokenizer, &tokens)
            if ContactKeys.isDigitValue(value) {
                let typed = Array(PhoneDigits.typedDigits(of: value).utf8)
                keys.digits.append(DigitString(digits: typed, info: KeyInfo(field: .customField, position: 0), nationalStart: 0))
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
