/// The layout of a snapshot file.
///
/// Header (40 bytes): the magic `CIXSNAP\0`, the format version (u32), reserved (u32), the
/// creation time in milliseconds since 1970 (u64), the number of contacts (u64), the number of
/// sections (u32), and the CRC-32C of the 36 bytes before it.
///
/// Sections follow, each with a 24-byte header: kind (u32), the number of items (u32), the body
/// length (u64), the CRC-32C of the body (u32) and the CRC-32C of the 20 header bytes before it
/// (u32). Section kinds: 1, the field schema (items of key, searchable byte, label); 2, contacts
/// (items of canonical JSON), at most `contactsPerSection` per section so that damage loses one
/// section, not the file; 3, the index image (`IndexImage`), which rebuilds the index without
/// analyzing the contacts again, and is ignored (the index is rebuilt from the contacts) when its
/// version or default region differs; 4 (from version 2), conversations (items of canonical
/// JSON), at most `contactsPerSection` per section. Strings and JSON are blobs: a u32 length,
/// then the bytes. Version 1 files, without conversations, are read as they are.
enum SnapshotFormat {
    static let magic: [UInt8] = Array("CIXSNAP".utf8) + [0]
    static let version: UInt32 = 2
    static let headerSize = 40
    static let sectionHeaderSize = 24
    static let contactsPerSection = 4096

    /// Section kinds.
    enum Kind: UInt32 {
        case schema = 1
        case contacts = 2
        case index = 3
        case conversations = 4

        var name: String {
            switch self {
            case .schema: return "schema"
            case .contacts: return "contacts"
            case .index: return "index"
            case .conversations: return "conversations"
            }
        }
    }
}
