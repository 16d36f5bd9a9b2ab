import Glibc

/// The access tokens of a server, read from a file of lines `read <token>` or `write <token>`
/// (blank lines and lines starting with `#` are skipped).
struct TokenFile {
    /// What a token allows.
    enum Role: String {
        case read, write
    }

    private let tokens: [(role: Role, token: [UInt8])]

    /// Reads the file at `path`.
    /// - Throws: a message when the file cannot be read, is readable or writable by anyone but
    ///   its owner, or has a malformed line.
    init(path: String) throws(UsageError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw UsageError("cannot read the token file \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw UsageError("the token file \(path) is accessible by other users; run: chmod 600 \(path)")
        }
        guard let file = fopen(path, "r") else {
            throw UsageError("cannot read the token file \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            text += buffer[..<n]
        }
        try self.init(text: String(decoding: text, as: UTF8.self), path: path)
    }

    /// Reads tokens from the text of a token file.
    init(text: String, path: String = "tokens") throws(UsageError) {
        var tokens: [(Role, [UInt8])] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty || words[0].hasPrefix("#") { continue }
            guard words.count == 2, let role = Role(rawValue: String(words[0])) else {
                throw UsageError("\(path):\(number + 1): expected `read <token>` or `write <token>`")
            }
            tokens.append((role, Array(words[1].utf8)))
        }
        guard !tokens.isEmpty else { throw UsageError("\(path) holds no token") }
        self.tokens = tokens
    }

    /// The role of a token, or nil; takes the same time whichever token matches and wherever
    /// the first difference is.
    func role(of candidate: some Collection<UInt8>) -> Role? {
        let candidate = Array(candidate)
        var found: Role?
        for (role, token) in tokens {
            var difference = UInt8(truncatingIfNeeded: token.count ^ candidate.count)
            for i in 0..<max(token.count, candidate.count) {
                let a = i < token.count ? token[i] : 0
                let b = i < candidate.count ? candidate[i] : 0
                difference |= a ^ b
            }
            if token.count != candidate.count { difference |= 1 }
            if difference == 0 { found = role }
        }
        return found
    }
}
