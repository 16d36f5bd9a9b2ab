import Testing
import Tokenizer
@testable import ContactIndex

@Suite struct ContactParserTests {
    let parser = ContactParser(phones: try! PhoneNormalizer(defaultRegion: "BR"))

    func parse(_ json: String) throws(ContactIndexError) -> ContactParser.Parsed {
        try parser.parse(Array(json.utf8))
    }

    @Test func canonicalShapeKeepsUnknownKeysAndOrder() throws {
        let json = #"{"_id":"c1","name":"Ana","emails":[{"address":"ana@x.com","primary":true}],"phones":["(51) 5555-5555"],"customFields":{"cpf":"123"},"contactManager":"agent-1","channels":[{"name":"livechat","blocked":false,"verified":true,"details":{"a":1}}],"lastChat":{"ts":"2024-01-02T03:04:05.000Z"},"createdAt":"2023-01-01T00:00:00Z","unknown":false,"extra":{"k":[1,2.50]}}"#
        let contact = try parse(json).contact
        #expect(contact.jsonText == json.replacingOccurrences(of: #""phones":["(51) 5555-5555"]"#, with: #""phones":[{"phoneNumber":"(51) 5555-5555"}]"#))
        #expect(contact.emails == ["ana@x.com"])
        #expect(contact.phones == ["(51) 5555-5555"])
        #expect(contact.channels == [ContactChannel(name: "livechat", blocked: false, verified: true)])
        #expect(contact.lastChatMillis == ISOTime.parse("2024-01-02T03:04:05.000Z"))
    }

    @Test func legacyRegisterPayloadIsStoredInCanonicalShape() throws {
        let json = #"{"name":"Livechat Contact","email":"contact@rocket.chat","token":"iNKE8a6k6cjbqWhWd","phone":"55 51 5555-5555","customFields":[{"key":"address","value":"Rocket.Chat street","overwrite":true}],"contactManager":{"username":"name.username"}}"#
        let parsed = try parse(json)
        #expect(parsed.generatedID)
        let contact = parsed.contact
        #expect(contact.id.count == 17)
        #expect(contact.emails == ["contact@rocket.chat"])
        #expect(contact.phones == ["55 51 5555-5555"])
        #expect(contact.customFields.map(\.key) == ["address"])
        #expect(contact.customFields.map(\.value) == ["Rocket.Chat street"])
        #expect(contact.contactManager == "name.username")
        #expect(contact.json["token"] == .string("iNKE8a6k6cjbqWhWd"))
        #expect(contact.json["email"] == nil)
        #expect(contact.json["emails"] == .array([.object(JSONObject([("address", .string("contact@rocket.chat"))]))]))
    }

    @Test func aContactNeedsANameUsernameEmailOrPhone() {
        #expect(throws: ContactIndexError.self) { _ = try parse(#"{"_id":"x","customFields":{"a":"b"}}"#) }
        #expect((try? parse(#"{"phones":["5555-5555"]}"#)) != nil)
    }

    @Test func whiteSpaceAloneDoesNotIdentifyAContact() {
        for blank in [" ", "\\t\\n", "\\u00a0", "\\u2003 ", " \\u0301"] {
            #expect(throws: ContactIndexError.self) { _ = try parse(#"{"name":"\#(blank)","username":" ","emails":["\#(blank)"]}"#) }
        }
        for named in ["Ana", " Ana", "\\u00c9lise", "\\u00a0Ana", "\\tAna"] {
            #expect((try? parse(#"{"name":"\#(named)"}"#)) != nil)
        }
    }

    @Test func badPhonesAndEmailsAreKeptWithWarnings() throws {
        let parsed = try parse(#"{"name":"A","emails":["not-an-email"],"phones":["call me","+55 51 5555-5555"]}"#)
        #expect(parsed.contact.emails == ["not-an-email"])
        #expect(parsed.warnings.map(\.field) == ["emails.0", "phones.0"])
        #expect(parsed.warnings.map(\.code) == ["missing_at", "not_a_number"])
    }

    @Test func limitsAreClearErrors() {
        let longName = String(repeating: "a", count: 1025)
        #expect(throws: ContactIndexError.tooLarge("name is over 1024 bytes")) { _ = try parse(#"{"name":"\#(longName)"}"#) }
        let manyEmails = (0..<101).map { #""a\#($0)@x.com""# }.joined(separator: ",")
        #expect(throws: ContactIndexError.self) { _ = try parse(#"{"name":"a","emails":[\#(manyEmails)]}"#) }
        let huge = String(repeating: " ", count: 70_000)
        #expect(throws: ContactIndexError.self) { _ = try parse(#"{"name":"a"\#(huge)}"#) }
        do throws(ContactIndexError) {
            _ = try parse(#"{"name":"a"\#(huge)}"#)
        } catch {
            #expect(error.code == "too_large")
        }
    }

    @Test func malformedInputGivesStableCodes() {
        for (input, code) in [("{", "bad_json"), ("[1]", "invalid_contact"), (#"{"name":5}"#, "invalid_contact"),
                              (#"{"_id":7,"name":"a"}"#, "invalid_contact"), (#"{"name":"a","channels":[{}]}"#, "invalid_contact")] {
            do throws(ContactIndexError) {
                _ = try parse(input)
                Issue.record("accepted \(input)")
            } catch {
                #expect(error.code == code, "\(input)")
            }
        }
        do throws(ContactIndexError) {
            _ = try parser.parse([0x7B, 0xFF, 0x7D])
        } catch {
            #expect(error.code == "invalid_utf8")
        }
    }
}
