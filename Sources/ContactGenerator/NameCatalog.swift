/// First and last names of one locale, most frequent first, with a Latin spelling for
/// scripts that emails and usernames cannot carry.
struct NameLocale: Sendable {
    let id: String
    /// (native, latin) first names; latin is nil when the native spelling is Latin.
    let firstNames: [(String, String?)]
    let lastNames: [(String, String?)]
    /// Family name first, without a space (Japanese, Chinese).
    let familyFirst: Bool
    let phoneRegions: [String]
    let companyDomains: [String]
    /// Share of the contacts.
    let weight: Int
}

enum NameCatalog {
    static func latin(_ names: [String]) -> [(String, String?)] { names.map { ($0, nil) } }

    static let locales: [NameLocale] = [
        NameLocale(
            id: "pt-BR",
            firstNames: latin(["Maria", "José", "Ana", "João", "Francisco", "Antônio", "Carlos", "Paulo", "Pedro", "Lucas",
                               "Luiz", "Marcos", "Luís", "Gabriel", "Rafael", "Márcia", "Daniel", "Marcelo", "Bruno", "Eduardo",
                               "Juliana", "Fernanda", "Patrícia", "Aline", "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia",
                               "Júlia", "Luciana", "Vanessa", "Mariana", "Gustavo", "Vitória", "Beatriz", "Conceição", "Raimundo", "Sebastião"]),
            lastNames: latin(["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
                              "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
                              "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas",
                              "Cardoso", "Ramos", "Gonçalves", "Araújo", "Conceição", "Simões", "Brandão", "Magalhães", "Falcão", "Assunção"]),
            familyFirst: false, phoneRegions: ["BR", "BR", "BR", "PT"],
            companyDomains: ["empresa.com.br", "rocket.chat", "uol.com.br", "globo.com"], weight: 30),
        NameLocale(
            id: "es",
            firstNames: latin(["María", "José", "Antonio", "Carmen", "Juan", "Manuel", "Ana", "Francisco", "Laura", "David",
                               "Lucía", "Javier", "Sofía", "Alejandro", "Martín", "Paula", "Sergio", "Valentina", "Andrés", "Camila",
                               "Jesús", "Ángel", "Mónica", "Raúl", "Inés", "Óscar", "Nuria", "Iñaki", "Begoña", "Íñigo"]),
            lastNames: latin(["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
                              "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
                              "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Núñez"]),
            familyFirst: false, phoneRegions: ["ES", "MX", "AR", "ES"],
            companyDomains: ["empresa.es", "correo.mx", "telefonica.es"], weight: 12),
        NameLocale(
            id: "en",
            firstNames: latin(["John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
                               "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
                               "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra"]),
            lastNames: latin(["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                              "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
                              "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "O'Brien"]),
            familyFirst: false, phoneRegions: ["US", "US", "GB", "IN"],
            companyDomains: ["example.com", "acme.io", "contoso.com"], weight: 14),
        NameLocale(
            id: "de",
            firstNames: latin(["Jürgen", "Müller", "Günter", "Jörg", "Uwe", "Sabine", "Petra", "Monika", "Thomas", "Andreas",
                               "Stefan", "Ursula", "Björn", "Käthe", "Sören", "Lena", "Lukas", "Jonas", "Anna", "Hannah"]),
            lastNames: latin(["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
                              "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
                              "Krüger", "Hofmann", "Hartmann", "Lange", "Köhler", "Weiß", "Groß", "Strauß", "Jäger", "Böhm"]),
            familyFirst: false, phoneRegions: ["DE", "DE", "AT", "CH"],
            companyDomains: ["firma.de", "web.de", "münchen.de"], weight: 6),
        NameLocale(
            id: "fr",
            firstNames: latin(["Jean", "Marie", "Michel", "Françoise", "Philippe", "Nathalie", "Pierre", "Isabelle", "Jean-Luc", "Hélène",
                               "Léa", "Chloé", "Noémie", "Jérôme", "François", "Zoé", "Gaëlle", "Anaïs", "Loïc", "Cécile"]),
            lastNames: latin(["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                              "Lefèvre", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller",
                              "D'Angelo", "Lefebvre", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Légaré"]),
            familyFirst: false, phoneRegions: ["FR", "FR", "BE", "CA"],
            companyDomains: ["entreprise.fr", "orange.fr", "free.fr"], weight: 6),
        NameLocale(
            id: "pl",
            firstNames: latin(["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Krzysztof", "Katarzyna", "Michał", "Zofia", "Wojciech", "Józef",
                               "Grzegorz", "Jędrzej", "Bożena", "Dorota", "Ewa", "Jakub", "Tomasz", "Żaneta", "Małgosia", "Stanisław"]),
            lastNames: latin(["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
                              "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski"]),
            familyFirst: false, phoneRegions: ["PL"], companyDomains: ["firma.pl", "wp.pl"], weight: 4),
        NameLocale(
            id: "tr",
            firstNames: latin(["Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Emine", "Ali", "Hatice", "Hüseyin", "Zeynep",
                               "İbrahim", "Çağla", "Gökhan", "Şükrü", "Özge", "Ümit", "Ilgın", "Işıl", "Büşra", "Oğuz"]),
            lastNames: latin(["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
                              "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek"]),
            familyFirst: false, phoneRegions: ["TR"], companyDomains: ["sirket.com.tr"], weight: 4),
        NameLocale(
            id: "vi",
            firstNames: latin(["Anh", "Thảo", "Hương", "Dũng", "Tuấn", "Hùng", "Linh", "Ngọc", "Phương", "Quang",
                               "Thủy", "Đức", "Hằng", "Trang", "Minh", "Hoàng", "Việt", "Yến", "Nhung", "Thắng"]),
            lastNames: latin(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                              "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]),
            familyFirst: false, phoneRegions: ["VN"], companyDomains: ["congty.vn"], weight: 3),
        NameLocale(
            id: "ru",
            firstNames: [("Александр", "aleksandr"), ("Сергей", "sergey"), ("Елена", "elena"), ("Ольга", "olga"), ("Дмитрий", "dmitry"),
                         ("Наталья", "natalya"), ("Андрей", "andrey"), ("Татьяна", "tatyana"), ("Алексей", "aleksey"), ("Ирина", "irina"),
                         ("Пётр", "pyotr"), ("Юлия", "yulia"), ("Фёдор", "fyodor"), ("Алёна", "alyona"), ("Мария", "mariya")],
            lastNames: [("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"), ("Васильев", "vasilyev"),
                        ("Петров", "petrov"), ("Соколов", "sokolov"), ("Михайлов", "mikhaylov"), ("Новиков", "novikov"), ("Фёдоров", "fyodorov"),
                        ("Морозов", "morozov"), ("Волков", "volkov"), ("Алексеев", "alekseev"), ("Лебедев", "lebedev"), ("Семёнов", "semyonov")],
            familyFirst: false, phoneRegions: ["RU"], companyDomains: ["yandex.ru", "kompaniya.ru"], weight: 5),
        NameLocale(
            id: "el",
            firstNames: [("Γιώργος", "giorgos"), ("Μαρία", "maria"), ("Δημήτρης", "dimitris"), ("Ελένη", "eleni"), ("Νίκος", "nikos"),
                         ("Αικατερίνη", "aikaterini"), ("Κώστας", "kostas"), ("Σοφία", "sofia"), ("Γιάννης", "giannis"), ("Αναστασία", "anastasia")],
            lastNames: [("Παπαδόπουλος", "papadopoulos"), ("Βλάχος", "vlachos"), ("Αγγελόπουλος", "angelopoulos"), ("Νικολάου", "nikolaou"),
                        ("Γεωργίου", "georgiou"), ("Οικονόμου", "oikonomou"), ("Παπαδάκης", "papadakis"), ("Μακρής", "makris"),
                        ("Κωνσταντίνου", "konstantinou"), ("Δημητρίου", "dimitriou")],
            familyFirst: false, phoneRegions: ["GR"], companyDomains: ["etaireia.gr"], weight: 3),
        NameLocale(
            id: "ja",
            firstNames: [("太郎", "taro"), ("花子", "hanako"), ("翔", "sho"), ("陽菜", "hina"), ("蓮", "ren"), ("結衣", "yui"),
                         ("大輝", "daiki"), ("さくら", "sakura"), ("健太", "kenta"), ("美咲", "misaki"), ("ゆうき", "yuki"), ("ハルト", "haruto")],
            lastNames: [("山田", "yamada"), ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"),
                        ("渡辺", "watanabe"), ("中村", "nakamura"), ("小林", "kobayashi"), ("加藤", "kato")],
            familyFirst: true, phoneRegions: ["JP"], companyDomains: ["kaisha.co.jp"], weight: 4),
        NameLocale(
            id: "zh",
            firstNames: [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("秀英", "xiuying"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
                         ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong")],
            lastNames: [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
                        ("赵", "zhao"), ("吴", "wu"), ("周", "zhou")],
            familyFirst: true, phoneRegions: ["CN"], companyDomains: ["gongsi.cn"], weight: 4),
        NameLocale(
            id: "it",
            firstNames: latin(["Giuseppe", "Maria", "Giovanni", "Anna", "Antonio", "Giulia", "Francesco", "Chiara", "Niccolò", "Nicolò"]),
            lastNames: latin(["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"]),
            familyFirst: false, phoneRegions: ["IT"], companyDomains: ["azienda.it"], weight: 3),
    ]

    static let companies = [
        "Rocket.Chat", "Acme Ltda", "Globex", "Initech", "Umbrella S.A.", "Soylent", "Hooli", "Vandelay Industries",
        "Banco do Brasil", "Telefônica", "Müller GmbH", "Société Générale", "Çelik Holding", "Nguyễn Trading",
        "Газпром", "株式会社山田", "Stark Industries", "Wayne Enterprises", "Tyrell Corp", "Cyberdyne",
    ]
    static let freeDomains = ["gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "icloud.com"]
}
