import ContactIndex
import Glibc
import Tokenizer

/// `contact-index analyze text|phone|email [--region CC]`: one JSON line per input line.
enum AnalyzeCommand {
    static let usage = """
        Usage: contact-index analyze text|phone|email [--region CC]

        Reads one value per line on standard input and writes one JSON line per value:
          phone  {"input","e164","extension","error","keys"}
          email  {"input","key","error","keys"}
          text   {"input","words":[{"text","folded","start","end"}],"keys"}
        "error" is null when the value is valid; word ranges are UTF-16 offsets.

        Options:
          --region CC   default region for phone numbers (ISO 3166 alpha-2, default BR)
          --help        show this help
        """

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(arguments, valued: ["region"], switches: [])
        if args.has("help") {
            print(usage)
            return 0
        }
        guard args.positionals.count == 1, let kind = ValueAnalysis.Kind(rawValue: args.positionals[0]) else {
            throw UsageError("analyze needs one kind: text, phone or email")
        }
        let phones: PhoneNormalizer
        do {
            phones = try PhoneNormalizer(defaultRegion: args["region"] ?? "BR")
        } catch {
            throw UsageError(error.description)
        }
        var reader = LineReader(fd: STDIN_FILENO)
        var output = OutputBuffer(fd: STDOUT_FILENO)
        while let line = reader.next() {
            output.write(analyzeLine(line, kind: kind, phones: phones))
            output.write(CollectionOfOne(0x0A))
        }
        output.flush()
        return 0
    }

    /// The JSON line (without its LF) for one input line.
    static func analyzeLine(_ line: some Collection<UInt8>, kind: ValueAnalysis.Kind, phones: PhoneNormalizer) -> [UInt8] {
        var writer = JSONWriter()
        do {
            let value = try UTF8Validation.string(from: line)
            writer.write(.object(ValueAnalysis.analyze(value, kind: kind, phones: phones)))
        } catch {
            if case .invalidUTF8(let offset) = error {
                writer.write(.object(ValueAnalysis.invalidUTF8(offset: offset)))
            }
        }
        return writer.bytes
    }
}
