import ContactIndex
import Tokenizer

/// One request line, split into its verb and the rest: `SEARCH maria s` has the argument
/// `maria s`.
struct RequestLine {
    let verb: Verb
    /// The bytes after the verb and one space; empty when there are none.
    let argument: ArraySlice<UInt8>

    /// Reads a line without its LF (a trailing CR is dropped).
    /// - Throws: `bad_request` for an empty line or a NUL byte, `invalid_utf8`, `unknown_verb`.
    init(_ line: ArraySlice<UInt8>) throws(ProtocolError) {
        var line = line
        if line.last == 0x0D { line = line.dropLast() }
        guard !line.isEmpty else { throw .badRequest("empty request line") }
        if let nul = line.firstIndex(of: 0) {
            throw .badRequest("a NUL byte at byte \(nul - line.startIndex) of the request")
        }
        if let offset = UTF8Validation.firstInvalidOffset(line) {
            throw ProtocolError(.invalidUTF8(offset: offset))
        }
        let space = line.firstIndex(of: 0x20) ?? line.endIndex
        let word = line[..<space]
        guard let verb = Verb(word: word) else {
            throw .unknownVerb(String(decoding: word.prefix(64), as: UTF8.self))
        }
        self.verb = verb
        argument = space < line.endIndex ? line[(space + 1)...] : []
    }

    /// The argument as text, leading and trailing spaces removed.
    var text: String {
        var slice = argument
        while slice.first == 0x20 { slice = slice.dropFirst() }
        while slice.last == 0x20 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The argument split at its first space: `LOOKUP email a@b.c` gives `email` and `a@b.c`.
    var firstWordAndRest: (String, ArraySlice<UInt8>) {
        let text = argument.drop { $0 == 0x20 }
        let space = text.firstIndex(of: 0x20) ?? text.endIndex
        let rest = space < text.endIndex ? text[(space + 1)...] : []
        return (String(decoding: text[..<space], as: UTF8.self), rest)
    }

    /// The argument parsed as JSON.
    func json() throws(ProtocolError) -> JSONValue { try Self.json(argument) }

    /// Bytes parsed as JSON.
    static func json(_ bytes: ArraySlice<UInt8>) throws(ProtocolError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw ProtocolError(error)
        }
    }
}
