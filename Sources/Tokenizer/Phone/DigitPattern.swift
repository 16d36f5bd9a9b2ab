/// A small regular-expression engine for the digit patterns of the phone metadata.
///
/// Supports what libphonenumber's patterns use: digits, `\d`, classes `[0-9]`, groups `( )` and
/// `(?: )`, alternation, `?` `*` `+` `{n}` `{n,}` `{n,m}`, and `$`. Patterns compile once to a
/// program for a backtracking machine that follows Java's leftmost-first semantics, so results
/// match libphonenumber's. Inputs are ASCII digits; a step budget keeps every match bounded.
struct DigitPattern: Sendable {
    enum Instruction: Sendable {
        /// Matches one digit whose bit is set in the mask.
        case digit(mask: UInt16)
        /// Tries `first`, then `second`.
        case split(first: Int, second: Int)
        case jump(Int)
        /// Records the input position in a capture slot.
        case save(slot: Int)
        /// Matches only at the end of the input.
        case end
        case match
    }

    let program: [Instruction]
    /// Number of capturing groups.
    let groupCount: Int
    let source: String

    /// Compiles a pattern; nil when it uses syntax outside the supported subset.
    init?(_ pattern: String) {
        var parser = PatternParser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd else { return nil }
        var emitter = PatternEmitter()
        emitter.emit(node)
        emitter.program.append(.match)
        program = emitter.program
        groupCount = parser.groupCount
        source = pattern
    }

    /// The result of a match: where it ended and the captured ranges.
    struct Match {
        let end: Int
        let captures: [Int]

        /// The range captured by group `index` (1-based), or nil when it took no part.
        func group(_ index: Int) -> Range<Int>? {
            guard 2 * index + 1 < captures.count else { return nil }
            let start = captures[2 * index]
            let end = captures[2 * index + 1]
            return start >= 0 && end >= start ? start..<end : nil
        }
    }

    /// Matches the whole input.
    func matches(_ digits: [UInt8]) -> Bool {
        run(digits, whole: true) != nil
    }

    /// Matches a prefix of the input (Java's `lookingAt`).
    func matchPrefix(_ digits: [UInt8]) -> Match? {
        run(digits, whole: false)
    }

    private func run(_ input: [UInt8], whole: Bool) -> Match? {
        let slots = 2 * (groupCount + 1)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: slots) { captures in
            captures.initialize(repeating: -1)
            var budget = 200_000
            return input.withUnsafeBufferPointer { buffer in
                program.withUnsafeBufferPointer { code in
                    guard let end = Self.step(code, 0, buffer, 0, whole, captures, &budget) else { return nil }
                    return Match(end: end, captures: groupCount == 0 ? [] : Array(captures))
                }
            }
        }
    }

    private static func step(
        _ code: UnsafeBufferPointer<Instruction>, _ startPC: Int, _ input: UnsafeBufferPointer<UInt8>,
        _ startSP: Int, _ whole: Bool, _ captures: UnsafeMutableBufferPointer<Int>, _ budget: inout Int
    ) -> Int? {
        var pc = startPC
        var sp = startSP
        while true {
            budget -= 1
            if budget < 0 { return nil }
            switch code[pc] {
            case .digit(let mask):
                guard sp < input.count else { return nil }
                let d = input[sp] &- UInt8(ascii: "0")
                guard d < 10, mask & (1 << UInt16(d)) != 0 else { return nil }
                pc += 1
                sp += 1
            case .split(let first, let second):
                if let end = step(code, first, input, sp, whole, captures, &budget) { return end }
                pc = second
            case .jump(let target):
                pc = target
            case .save(let slot):
                let old = captures[slot]
                captures[slot] = sp
                if let end = step(code, pc + 1, input, sp, whole, captures, &budget) { return end }
                captures[slot] = old
                return nil
            case .end:
                guard sp == input.count else { return nil }
                pc += 1
            case .match:
                if whole && sp != input.count { return nil }
                return sp
            }
        }
    }
}

/// The syntax tree of a digit pattern.
private indirect enum PatternNode {
    case digits(UInt16)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case group(index: Int?, PatternNode)
    case repetition(PatternNode, min: Int, max: Int?)
    case end
}

private struct PatternParser {
    let bytes: [UInt8]
    var index = 0
    var groupCount = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseAlternation() -> PatternNode? {
        var branches: [PatternNode] = []
        while true {
            guard let sequence = parseSequence() else { return nil }
            branches.append(sequence)
            if peek() == UInt8(ascii: "|") {
                index += 1
            } else {
                break
            }
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() -> PatternNode? {
        var items: [PatternNode] = []
        while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            guard var atom = parseAtom() else { return nil }
            while let quantified = parseQuantifier(atom) { atom = quantified }
            items.append(atom)
        }
        return .sequence(items)
    }

    private mutating func parseAtom() -> PatternNode? {
        guard let c = peek() else { return nil }
        index += 1
        switch c {
        case UInt8(ascii: "("):
            var groupIndex: Int?
            if peek() == UInt8(ascii: "?") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                index += 2
            } else {
                groupCount += 1
                groupIndex = groupCount
            }
            guard let inner = parseAlternation(), peek() == UInt8(ascii: ")") else { return nil }
            index += 1
            return .group(index: groupIndex, inner)
        case UInt8(ascii: "["):
            return parseClass()
        case UInt8(ascii: "\\"):
            guard peek() == UInt8(ascii: "d") else { return nil }
            index += 1
            return .digits(0x3FF)
        case UInt8(ascii: "$"):
            return .end
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .digits(1 << UInt16(c - UInt8(ascii: "0")))
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{"), UInt8(ascii: "]"):
            return nil
        default:
            return .digits(0)
        }
    }

    private mutating func parseClass() -> PatternNode? {
        var mask: UInt16 = 0
        var negate = false
        if peek() == UInt8(ascii: "^") {
            negate = true
            index += 1
        }
        while let c = peek(), c != UInt8(ascii: "]") {
            index += 1
            if c == UInt8(ascii: "\\") {
                guard peek() == UInt8(ascii: "d") else { return nil }
                index += 1
                mask |= 0x3FF
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { continue }
            var high = c
            if peek() == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") {
                high = bytes[index + 1]
                index += 2
            }
            guard high >= c, high <= UInt8(ascii: "9") else { return nil }
            for d in c...high { mask |= 1 << UInt16(d - UInt8(ascii: "0")) }
        }
        guard peek() == UInt8(ascii: "]") else { return nil }
        index += 1
        return .digits(negate ? ~mask & 0x3FF : mask)
    }

    private mutating func parseQuantifier(_ atom: PatternNode) -> PatternNode? {
        guard let c = peek() else { return nil }
        switch c {
        case UInt8(ascii: "?"): index += 1; return .repetition(atom, min: 0, max: 1)
        case UInt8(ascii: "*"): index += 1; return .repetition(atom, min: 0, max: nil)
        case UInt8(ascii: "+"): index += 1; return .repetition(atom, min: 1, max: nil)
        case UInt8(ascii: "{"):
            let saved = index
            index += 1
            guard let low = parseNumber() else { index = saved; return nil }
            var high: Int? = low
            if peek() == UInt8(ascii: ",") {
                index += 1
                high = parseNumber()
            }
            guard peek() == UInt8(ascii: "}") else { index = saved; return nil }
            index += 1
            return .repetition(atom, min: low, max: high)
        default:
            return nil
        }
    }

    private mutating func parseNumber() -> Int? {
        var value: Int?
        while let c = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
            value = (value ?? 0) * 10 + Int(c - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }
}

private struct PatternEmitter {
    var program: [DigitPattern.Instruction] = []

    mutating func emit(_ node: PatternNode) {
        switch node {
        case .digits(let mask):
            program.append(.digit(mask: mask))
        case .sequence(let items):
            for item in items { emit(item) }
        case .end:
            program.append(.end)
        case .group(let index, let inner):
            if let index { program.append(.save(slot: 2 * index)) }
            emit(inner)
            if let index { program.append(.save(slot: 2 * index + 1)) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = program.count
                    program.append(.split(first: split + 1, second: -1))
                    emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(first: split + 1, second: program.count)
                } else {
                    emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { emit(inner) }
            if let max {
                var splits: [Int] = []
                for _ in min..<Swift.max(min, max) {
                    splits.append(program.count)
                    program.append(.split(first: program.count + 1, second: -1))
                    emit(inner)
                }
                for split in splits { program[split] = .split(first: split + 1, second: program.count) }
            } else {
                let loop = program.count
                program.append(.split(first: loop + 1, second: -1))
                emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(first: loop + 1, second: program.count)
            }
        }
    }
}
