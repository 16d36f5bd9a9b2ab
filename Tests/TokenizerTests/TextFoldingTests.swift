import Testing
import Tokenizer

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("José", "jose"), ("MÜLLER", "muller"), ("Łukasz", "lukasz"), ("Øystein", "oystein"),
        ("straße", "strasse"), ("Ærø", "aero"), ("Đorđe", "dorde"), ("ＡＢＣ", "abc"),
        ("İstanbul", "istanbul"), ("ırmak", "irmak"), ("Nguyễn", "nguyen"), ("Çağla", "cagla"),
        ("François", "francois"), ("Ñandú", "nandu"), ("Œuvre", "oeuvre"), ("Þór", "thor"),
        ("e\u{301}", "e"),
    ])
    func latinLettersFoldToBaseLowercase(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test func greekFoldsCaseAndAccentsAndStaysGreek() {
        #expect(TextFolding.fold("Ελένη") == "ελενη")
        #expect(TextFolding.fold("ΟΔΥΣΣΕΥΣ") == "οδυσσευσ")
        #expect(TextFolding.fold("Οδυσσεύς") == "οδυσσευσ")
    }

    @Test func cyrillicFoldsCaseAndStaysCyrillic() {
        #expect(TextFolding.fold("ЁЛКИН Пётр") == "елкин петр")
    }

    @Test func hanKanaAndHangulAreKept() {
        #expect(TextFolding.fold("山田太郎") == "山田太郎")
        #expect(TextFolding.fold("ガッツ") == "ガッツ")
        #expect(TextFolding.fold("김민준") == "김민준")
        #expect(TextFolding.fold("ｶﾀｶﾅ") == "カタカナ")
    }

    @Test func asciiDigitsAndPunctuationAreUnchanged() {
        #expect(TextFolding.fold("guest-1234 (x)") == "guest-1234 (x)")
        #expect(TextFolding.fold("１２３") == "123")
    }
}
