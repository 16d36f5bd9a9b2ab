import ContactGenerator
import Testing
@testable import ContactIndex

/// The identity lookup against a model over random inserts and removals: every document a key
/// was given is a candidate for it, each once, until it is removed.
@Suite struct IdentityIndexTests {
    @Test func candidatesHoldEveryDocumentOfAKeyUntilItIsRemoved() {
        var rng = SeededRandom(seed: 21)
        var index = IdentityIndex()
        var model: [String: [UInt32]] = [:]
        for step in 0..<30_000 {
            // Few keys, so that keys are shared by several documents and probe chains cross.
            let key = "+55 51 9\(rng.below(2_000))"
            let doc = UInt32(rng.below(500))
            if rng.chance(0.4), let docs = model[key], !docs.isEmpty {
                let removed = docs[rng.below(docs.count)]
                index.remove(key, removed)
                model[key]!.remove(at: model[key]!.firstIndex(of: removed)!)
            } else {
                index.insert(key, doc)
                model[key, default: []].append(doc)
            }
            if step % 1_000 == 0 || step == 29_999 {
                for (key, docs) in model {
                    let candidates = index.candidates(key)
                    #expect(Set(docs).isSubset(of: Set(candidates)), "\(key)")
                    #expect(candidates.count == Set(candidates).count, "each document once")
                }
            }
        }
        for (key, docs) in model { for doc in docs { index.remove(key, doc) } }
        for key in model.keys { #expect(index.candidates(key).isEmpty) }
    }

    /// Keys that thousands of contacts share (a company's address) beside keys of one contact
    /// each: every table doubling keeps each document findable under its key, and removals
    /// after the doublings leave the others.
    @Test func keysSharedByThousandsOfDocumentsStayWholeAcrossEveryDoubling() {
        var rng = SeededRandom(seed: 22)
        var index = IdentityIndex()
        var model: [String: [UInt32]] = [:]
        var keyOf: [UInt32: String] = [:]
        var slotCounts: Set<Int> = []
        let shared = ["info@company.example", "sac@loja.example", "+551133334444"]
        for doc in UInt32(0)..<12_000 {
            let key = rng.chance(0.75) ? shared[rng.below(shared.count)] : "own-\(doc)@example.com"
            index.insert(key, doc)
            model[key, default: []].append(doc)
            keyOf[doc] = key
            if slotCounts.insert(index.slotCount).inserted {
                for key in shared { #expect(index.candidates(key) == (model[key] ?? []), "\(key) at \(doc + 1) documents") }
            }
        }
        #expect(slotCounts.count >= 8)
        for (key, docs) in model { #expect(index.candidates(key) == docs, "\(key)") }
        for doc in stride(from: UInt32(0), to: 12_000, by: 3) {
            let key = keyOf[doc]!
            index.remove(key, doc)
            model[key]!.removeAll { $0 == doc }
        }
        for (key, docs) in model { #expect(index.candidates(key) == docs, "\(key)") }
    }
}
