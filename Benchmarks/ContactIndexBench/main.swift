import Glibc

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == DurabilityBenchmark.residentFlag {
    DurabilityBenchmark.printResidentAfterOpen(folder: CommandLine.arguments[2])
    exit(0)
}
let options: BenchOptions
do {
    options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
} catch let error as BenchError {
    if let message = error.message { print("contact-index-bench: \(message)\n") }
    print(BenchOptions.usage)
    exit(error.message == nil ? 0 : 2)
}
let report = Report(options: options)
if options.runs("tokenizer") { TokenizerBenchmark.run(options, report) }
if options.runs("search") { SearchBenchmark.run(options, report) }
if options.runs("durability") { DurabilityBenchmark.run(options, report) }
if options.runs("server") { ServerBenchmark.run(options, report) }
if options.runs("conversations") { ConversationBenchmark.run(options, report) }
if let path = options.jsonPath {
    do {
        try report.write(to: path)
    } catch {
        print("contact-index-bench: cannot write \(path): \(error)")
        exit(1)
    }
}
