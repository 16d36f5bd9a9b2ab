/// Checks and decodes UTF-8 at the boundaries where bytes come in.
public enum UTF8Validation {
    /// The offset of the first byte that is not valid UTF-8, or nil when all are valid.
    public static func firstInvalidOffset(_ bytes: some Collection<UInt8>) -> Int? {
        bytes.withContiguousStorageIfAvailable(firstInvalidOffset) ?? Array(bytes).withUnsafeBufferPointer(firstInvalidOffset)
    }

    /// Validates bytes and makes a `String` of them.
    /// - Throws: `TokenizerError.invalidUTF8` with the offset of the first bad byte.
    public static func string(from bytes: some Collection<UInt8>) throws(TokenizerError) -> String {
        if let offset = firstInvalidOffset(bytes) { throw .invalidUTF8(offset: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all are valid; ASCII is
    /// read eight bytes at a time.
    public static func firstInvalidOffset(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = buffer.count
        while i < n {
            if i + 8 <= n,
               UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = buffer[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = buffer[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Decodes the scalar at `i` of valid UTF-8, with its length in bytes.
    @inline(__always)
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let b = utf8[i]
        if b < 0x80 { return (UInt32(b), 1) }
        if b < 0xE0 { return (UInt32(b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F), 2) }
        if b < 0xF0 {
            return (UInt32(b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F), 3)
        }
        let s = UInt32(b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
            | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
        return (s, 4)
    }
}
