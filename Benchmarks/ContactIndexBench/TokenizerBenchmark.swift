import ContactGenerator
import ContactIndex
import Tokenizer

/// Items per second for folding and splitting names, and normalizing phones and emails.
enum TokenizerBenchmark {
    static func run(_ options: BenchOptions, _ report: Report) {
        let generator = ContactGenerator(seed: options.seed)
        let sample = min(options.contacts, 20_000)
        var names: [String] = []
        var phones: [String] = []
        var emails: [String] = []
        for i in 0..<sample {
            let contact = generator.contact(i)
            names.append(contact.name)
            phones.append(contentsOf: contact.phones.map(\.stored))
            emails.append(contentsOf: contact.emails)
        }
        let tokenizer = TextTokenizer(mode: .index)
        let brazil = try! PhoneNormalizer(defaultRegion: "BR")
        var tokens = TokenizedText()
        var sink = 0
        let cases: [(String, Int, Double, () -> Void)] = [
            ("names folded and split", names.count, 1_000_000, {
                for name in names {
                    tokenizer.tokenize(name, into: &tokens)
                    sink &+= tokens.tokens.count
                }
            }),
            ("phones normalized (region BR)", phones.count, 500_000, {
                for phone in phones {
                    if case .success(let n) = brazil.parse(phone) { sink &+= n.countryCode }
                }
            }),
            ("emails normalized", emails.count, 1_000_000, {
                for email in emails {
                    if case .success(let key) = EmailNormalizer.normalize(email) { sink &+= key.utf8.count }
                }
            }),
        ]
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        for (label, count, target, body) in cases {
            body()
            var rates: [Double] = []
            for _ in 0..<options.repetitions {
                let seconds = Stopwatch.seconds(body)
                rates.append(Double(count) / seconds)
            }
            let rate = median(rates)
            rows.append([label, grouped(Double(count)), grouped(rate), "≥ " + grouped(target), rate >= target ? "met" : "not met"])
            figures.append((label, .object(JSONObject([("items", .int(count)), ("perSecond", .int(Int(rate))), ("target", .int(Int(target)))]))))
        }
        report.table(
            "tokenizer", title: "Tokenizer throughput, one core (median of \(options.repetitions))",
            columns: ["what", "items", "items/s", "target", ""], rows: rows, figures: .object(JSONObject(figures)))
        if sink == 42 { print("") }
    }
}
