/// The structures of an index, copied in constant time (the arrays are shared until one side
/// writes), so that a snapshot streams them to disk while writes go on; read back, they rebuild
/// the index without analyzing a single contact again.
struct IndexImage {
    /// Bumped whenever an index structure changes layout; an image of another version is
    /// ignored and the index is rebuilt from the snapshot's contacts.
    static let version: UInt32 = 10

    /// The default phone region the keys were made with.
    var region: String
    var terms: TermDictionary
    var postings: PostingLists
    var digits: DigitIndex
    var docs: DocumentTable
    var emailLookup: IdentityIndex
    var phoneLookup: IdentityIndex
    var rankedEnd: UInt32

    /// The image in buffers of its own, holding what `encode` writes and no more: taken from an
    /// index, it lets the index's next write change its buffers in place instead of copying
    /// them all (under the index's lock, where every search would wait for it).
    func snapshotCopy() -> IndexImage {
        IndexImage(
            region: region, terms: terms.snapshotCopy(), postings: postings.snapshotCopy(), digits: digits.snapshotCopy(),
            docs: docs.snapshotCopy(), emailLookup: emailLookup.snapshotCopy(), phoneLookup: phoneLookup.snapshotCopy(),
            rankedEnd: rankedEnd)
    }

    /// Writes the image as a snapshot section body.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.u32(Self.version)
        try out.string(region)
        try out.u32(rankedEnd)
        try terms.encode(out)
        try postings.encode(out)
        try digits.encode(out)
        try docs.encode(out)
        try emailLookup.encode(out)
        try phoneLookup.encode(out)
    }
}

extension IndexImage {
    /// Reads an image, or nil when it is of another version or region, or does not parse.
    init?(decoding body: UnsafeRawBufferPointer, region expected: String) {
        var reader = ByteReader(body)
        guard reader.u32() == Self.version, reader.string() == expected, let rankedEnd = reader.u32(),
              let terms = TermDictionary(decoding: &reader), let postings = PostingLists(decoding: &reader),
              let digits = DigitIndex(decoding: &reader), let docs = DocumentTable(decoding: &reader),
              let emailLookup = IdentityIndex(decoding: &reader), let phoneLookup = IdentityIndex(decoding: &reader),
              reader.remaining == 0, rankedEnd <= UInt32(docs.count),
              emailLookup.documentsAreBelow(UInt32(docs.count)), phoneLookup.documentsAreBelow(UInt32(docs.count))
        else { return nil }
        self.init(
            region: expected, terms: terms, postings: postings, digits: digits, docs: docs,
            emailLookup: emailLookup, phoneLookup: phoneLookup, rankedEnd: rankedEnd)
    }
}
