import ContactIndex

/// Generates the chats and calls of generated contacts, deterministically from a seed: 0 to 10
/// conversations per contact (5 on average), most closed, served by one or two of a pool of
/// agents sized so that each serves a few thousand conversations per million contacts' worth.
/// A contact's newest conversation starts at its `lastChat` time, as the store's rule would set it.
public struct ConversationGenerator: Sendable {
    /// The contacts whose conversations are generated.
    public let contacts: ContactGenerator
    /// Agents serving conversations: `agent-0` to `agent-(agentCount-1)`.
    public let agentCount: Int

    /// Creates a generator for `contactCount` contacts.
    public init(contacts: ContactGenerator, contactCount: Int) {
        self.contacts = contacts
        agentCount = max(10, contactCount / 700)
    }

    /// The conversations of contact number `index`.
    public func conversations(ofContact index: Int, _ contact: GeneratedContact) -> [GeneratedConversation] {
        var rng = SeededRandom(seed: (contacts.seed ^ 0xC0DE_CAFE) &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        let count = rng.below(11)
        guard count > 0, let lastChat = contact.json["lastChat"]?["ts"]?.stringValue.flatMap(ISOTime.parse) else { return [] }
        var out: [GeneratedConversation] = []
        for n in 0..<count {
            let created = n == 0 ? lastChat : lastChat - Int64(1 + rng.below(700 * 86_400)) * 1000
            let isCall = rng.chance(0.3)
            let roll = rng.below(100)
            let status = n == 0 && roll < 3 ? "open" : n == 0 && roll < 5 ? "onhold" : "closed"
            var agents = ["agent-\(rng.below(agentCount))"]
            if rng.chance(0.1) { agents.append("agent-\(rng.below(agentCount))") }
            let phone = contact.phones[rng.below(contact.phones.count)]
            let name = rng.chance(0.9) ? contact.name : contact.firstName
            var members: [(key: String, value: JSONValue)] = [
                ("_id", .string(ContactGenerator.identifier(&rng))), ("kind", .string(isCall ? "call" : "chat")),
                ("contactId", .string(contact.id)), ("name", .string(name)),
                ("phone", .string(isCall ? "+" + phone.countryCode + phone.nationalNumber : phone.stored)),
                ("channel", .string(isCall ? "voip" : rng.pick(Self.chatChannels))),
                ("agents", .array(Array(Set(agents)).sorted().map(JSONValue.string))),
                ("status", .string(status)),
                ("tags", .array((0..<rng.below(4)).map { _ in .string(Self.tags[rng.skewed(Self.tags.count)]) })),
                ("topic", .string(Self.topics[rng.skewed(Self.topics.count)])),
                ("department", .string(Self.departments[rng.below(Self.departments.count)])),
                ("createdAt", .string(ISOTime.format(milliseconds: created))),
            ]
            let seconds = 30 + rng.below(1800)
            if status == "closed" { members.append(("closedAt", .string(ISOTime.format(milliseconds: created + Int64(seconds) * 1000)))) }
            if isCall {
                members.append(("durationSeconds", .int(seconds)))
                members.append(("direction", .string(rng.chance(0.7) ? "inbound" : "outbound")))
                members.append(("wrapUpNotes", .string(Self.notes[rng.skewed(Self.notes.count)])))
            }
            out.append(GeneratedConversation(
                json: .object(JSONObject(members)), contactID: contact.id, agents: agents,
                activityMillis: status == "closed" ? created + Int64(seconds) * 1000 : created))
        }
        return out
    }

    private static let chatChannels = ["livechat", "whatsapp", "email", "sms", "telegram", "facebook"]
    private static let departments = ["Vendas", "Suporte", "Financeiro", "Sales", "Support", "Billing", "Soporte", "Retention"]
    private static let tags = [
        "duvida", "reclamacao", "vip", "urgente", "segunda-via", "cancelamento", "billing", "refund", "onboarding", "bug",
        "feedback", "renovacao", "entrega", "garantia", "troca", "devolucion", "factura", "upgrade", "churn-risk", "lead",
    ]
    private static let topics = [
        "Segunda via de boleto", "Cartão bloqueado", "Atraso na entrega", "Troca de produto", "Cancelamento de plano",
        "Password reset", "Invoice question", "Refund request", "Upgrade to premium", "Delivery delayed",
        "Problema con la factura", "Cambio de dirección", "Portabilidade de número", "Internet lenta", "Reembolso",
        "Dúvida sobre cobrança", "Account locked", "Shipping address change", "Warranty claim", "Product feedback",
    ]
    private static let notes = [
        "Cliente pediu segunda via, enviada por email", "Resolved on first call", "Escalated to billing team",
        "Callback scheduled for tomorrow", "Cliente satisfeito com a solução", "Customer will send photos of the damage",
        "Transferido para o financeiro", "No answer, left voicemail", "Refund approved, 5 business days",
        "Reclamação registrada no sistema",
    ]
}
