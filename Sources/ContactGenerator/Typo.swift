/// One typing mistake, as agents make them: two neighbouring letters swapped, a letter dropped,
/// doubled, or replaced by a neighbour on the keyboard.
public enum Typo {
    private static let neighbours: [Character: String] = [
        "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo", "j": "hk",
        "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry",
        "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
    ]

    /// `text` with one mistake inside one of its words of four letters or more; nil when there
    /// is none.
    public static func inject(into text: String, _ random: inout SeededRandom) -> String? {
        var characters = Array(text)
        var words: [Range<Int>] = []
        var start: Int?
        for i in 0...characters.count {
            let isLetter = i < characters.count && characters[i].isLetter
            if isLetter, start == nil { start = i }
            if !isLetter, let s = start {
                if i - s >= 4 { words.append(s..<i) }
                start = nil
            }
        }
        guard !words.isEmpty else { return nil }
        let word = random.pick(words)
        let at = word.lowerBound + random.below(word.count - 1)
        switch random.below(4) {
        case 0:
            characters.swapAt(at, at + 1)
        case 1:
            characters.remove(at: at)
        case 2:
            characters.insert(characters[at], at: at)
        default:
            let lower = Character(characters[at].lowercased())
            guard let options = neighbours[lower], let replacement = options.randomElement(using: &random) else {
                characters.remove(at: at)
                break
            }
            characters[at] = replacement
        }
        let typo = String(characters)
        return typo == text ? nil : typo
    }
}
