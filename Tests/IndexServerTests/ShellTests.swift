import ContactIndex
import Testing
@testable import IndexServer

@Suite struct ShellTests {
    @Test func keysAreDecodedFromRawTerminalBytesIncludingSplitSequences() {
        var decoder = ShellKey.Decoder()
        #expect(decoder.keys(Array("ma".utf8)) == [.text("m"), .text("a")])
        #expect(decoder.keys([0xC3]) == [])
        #expect(decoder.keys([0xA9, 0x7F]) == [.text("é"), .backspace])
        #expect(decoder.keys([0x1B, 0x5B]) == [])
        #expect(decoder.keys([0x42, 0x1B, 0x5B, 0x41, 0x0D, 0x15, 0x03]) == [.down, .up, .enter, .clearLine, .interrupt])
    }

    static let response = try! JSONParser.parse(#"""
        {"ok":true,"total":2,"hits":[
        {"id":"a","score":10000,"contact":{"_id":"a","name":"Ana Souza","emails":["ana@example.com"]},"highlights":{"name":[[0,3]]}},
        {"id":"b","score":9000,"contact":{"_id":"b","name":"Anabela"},"highlights":{"name":[[0,3]]}}],"tookMicros":42}
        """#)

    @Test func typingSearchesEveryKeystrokeAndArrowsPickAHit() {
        var state = ShellState()
        #expect(state.apply(.text("a")) == .search("a"))
        #expect(state.apply(.text("n")) == .search("an"))
        state.response = Self.response
        #expect(state.apply(.down) == .redraw)
        #expect(state.selected == 1)
        #expect(state.apply(.down) == .redraw)
        #expect(state.selected == 1)
        #expect(state.apply(.enter) == .show(#"{"_id":"b","name":"Anabela"}"#))
        #expect(state.apply(.up) == .redraw)
        #expect(state.selected == 0)
        #expect(state.apply(.backspace) == .search("a"))
        #expect(state.selected == 0)
        #expect(state.apply(.clearLine) == .search(""))
        #expect(state.apply(.interrupt) == .quit)
    }

    @Test func theScreenShowsTheQueryLatencyAndHitsWithMatchesInBoldAndTheSelectionReversed() {
        var state = ShellState()
        _ = state.apply(.text("ana"))
        state.response = Self.response
        state.roundTripMicros = 80
        let screen = ShellRenderer.render(state)
        #expect(screen.contains("search> ana"))
        #expect(screen.contains("2 contacts · server 42 µs · round trip 80 µs"))
        #expect(screen.contains("\(ShellRenderer.reverse)> \(ShellRenderer.bold)Ana\(ShellRenderer.reset)\(ShellRenderer.reverse) Souza"))
        #expect(screen.contains("ana@example.com"))
        #expect(screen.contains("  \(ShellRenderer.bold)Ana\(ShellRenderer.reset)bela"))
    }

    @Test func anErrorResponseIsShownInsteadOfHits() throws {
        var state = ShellState()
        state.response = try JSONParser.parse(#"{"ok":false,"error":{"code":"bad_request","message":"too many words"}}"#)
        #expect(ShellRenderer.render(state).contains("error: bad_request too many words"))
    }
}
