/// Generates contact ids in Rocket.Chat's style: 17 characters from an unambiguous alphabet.
enum IdentifierGenerator {
    private static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz")

    /// A new random id.
    static func next() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<17).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
