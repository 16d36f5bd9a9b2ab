import ContactIndex

/// Reads the records of an import file: JSON lines or one JSON array, with MongoDB Extended
/// JSON simplified, each as compact JSON bytes or the reason it cannot be read.
enum ContactRecords {
    /// One record of the file.
    enum Record {
        case json([UInt8])
        case rejected(String)
    }

    /// Calls `body` with each record's line number and JSON, in order.
    static func read(
        fd: Int32, _ body: (Int, Record) throws(UsageError) -> Void
    ) throws(UsageError) {
        var reader = LineReader(fd: fd)
        var number = 0
        var arrayText: [UInt8]?
        while let line = reader.next() {
            number += 1
            if arrayText != nil {
                arrayText! += line
                arrayText!.append(0x0A)
                continue
            }
            guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            if line[first] == UInt8(ascii: "[") && number == 1 {
                arrayText = Array(line) + [0x0A]
                continue
            }
            try body(number, record(line))
        }
        guard let arrayText else { return }
        guard let items = (try? JSONParser.parse(arrayText))?.arrayValue else {
            try body(1, .rejected("bad_json: the file starts with [ but is not one JSON array"))
            return
        }
        for (i, item) in items.enumerated() { try body(i + 1, .json(compact(item))) }
    }

    /// One line's record.
    static func record(_ line: ArraySlice<UInt8>) -> Record {
        do {
            return .json(compact(try JSONParser.parse(line)))
        } catch {
            return .rejected("bad_json: \(error)")
        }
    }

    private static func compact(_ value: JSONValue) -> [UInt8] {
        JSONWriter.bytes(ExtendedJSON.simplify(value))
    }
}
