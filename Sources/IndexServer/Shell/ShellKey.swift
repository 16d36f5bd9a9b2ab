/// A key the shell understands, decoded from the bytes a terminal in raw mode sends.
enum ShellKey: Equatable {
    case text(String)
    case backspace
    case clearLine
    case up
    case down
    case enter
    case interrupt

    /// Splits bytes into keys; bytes of an incomplete sequence at the end are left in `pending`.
    struct Decoder {
        private(set) var pending: [UInt8] = []

        mutating func keys(_ bytes: [UInt8]) -> [ShellKey] {
            pending += bytes
            var keys: [ShellKey] = []
            var i = 0
            while i < pending.count {
                let b = pending[i]
                switch b {
                case 0x03, 0x04: keys.append(.interrupt); i += 1
                case 0x7F, 0x08: keys.append(.backspace); i += 1
                case 0x15: keys.append(.clearLine); i += 1
                case 0x0D, 0x0A: keys.append(.enter); i += 1
                case 0x1B:
                    guard i + 2 < pending.count else {
                        pending.removeFirst(i)
                        return keys
                    }
                    if pending[i + 1] == UInt8(ascii: "[") || pending[i + 1] == UInt8(ascii: "O") {
                        if pending[i + 2] == UInt8(ascii: "A") { keys.append(.up) }
                        if pending[i + 2] == UInt8(ascii: "B") { keys.append(.down) }
                        i += 3
                    } else {
                        i += 1
                    }
                case 0x00..<0x20: i += 1
                default:
                    let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                    let count = b < 0x80 ? 1 : length
                    guard i + count <= pending.count else {
                        pending.removeFirst(i)
                        return keys
                    }
                    if let text = String(validating: pending[i..<i + count], as: UTF8.self) { keys.append(.text(text)) }
                    i += count
                }
            }
            pending.removeAll()
            return keys
        }
    }
}
