/// Names Docker picks for unnamed containers: `<adjective>_<surname>` from the daemon's
/// fixed lists (`moby/moby:pkg/namesgenerator`), never `boring_wozniak`. A subset of the
/// lists is kept here; the choice is deterministic (derived from the container ID).
enum ContainerNames {
    static let adjectives = [
        "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful", "blissful",
        "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent", "condescending",
        "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy", "eager",
        "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive",
        "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great",
        "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring", "intelligent",
        "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest",
        "musing", "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic",
        "peaceful", "pedantic", "pensive", "practical", "priceless", "quirky", "quizzical", "recursing",
        "relaxed", "reverent", "romantic", "sad", "serene", "sharp", "silly", "sleepy", "stoic", "strange",
        "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting", "unruffled", "upbeat", "vibrant",
        "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial", "youthful", "zealous", "zen",
    ]

    static let surnames = [
        "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "babbage", "banach", "bardeen",
        "bartik", "bassi", "bell", "benz", "bhabha", "black", "blackwell", "bohr", "booth", "borg", "bose",
        "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar", "chatelet", "clarke", "colden",
        "cori", "cray", "curie", "darwin", "davinci", "diffie", "dijkstra", "dubinsky", "easley", "einstein",
        "elion", "engelbart", "euclid", "euler", "fermat", "fermi", "feynman", "franklin", "galileo", "gates",
        "goldberg", "goldstine", "goodall", "hamilton", "hawking", "heisenberg", "hellman", "hermann",
        "hodgkin", "hopper", "hugle", "hypatia", "jackson", "jang", "jennings", "jepsen", "johnson", "joliot",
        "jones", "kalam", "kare", "keller", "kepler", "khorana", "kilby", "kirch", "knuth", "kowalevski",
        "lalande", "lamarr", "lamport", "leakey", "leavitt", "lederberg", "lehmann", "lewin", "lichterman",
        "liskov", "lovelace", "lumiere", "mahavira", "margulis", "matsumoto", "maxwell", "mayer", "mccarthy",
        "mcclintock", "mclean", "meitner", "mendel", "mendeleev", "merkle", "mestorf", "mirzakhani", "morse",
        "murdock", "napier", "nash", "neumann", "newton", "nightingale", "nobel", "noether", "northcutt",
        "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike", "poincare", "poitras",
        "ptolemy", "raman", "ramanujan", "ride", "ritchie", "robinson", "roentgen", "rosalind", "saha",
        "sammet", "shamir", "shannon", "shaw", "shockley", "sinoussi", "snyder", "spence", "stonebraker",
        "sutherland", "swanson", "swartz", "swirles", "tesla", "thompson", "torvalds", "turing", "varahamihira",
        "visvesvaraya", "volhard", "wescoff", "wiles", "williams", "wilson", "wing", "wozniak", "wright", "wu",
        "yalow", "yonath", "zhukovsky",
    ]

    /// A name for container `id` that is not in `taken`.
    static func name(for id: String, taken: Set<String>) -> String {
        var attempt = 0
        while true {
            let digest = Digest.sha256("name#\(attempt)#\(id)").hex
            let a = Int(digest.prefix(8), radix: 16) ?? 0
            let b = Int(digest.dropFirst(8).prefix(8), radix: 16) ?? 0
            var name = adjectives[a % adjectives.count] + "_" + surnames[b % surnames.count]
            // Steve Wozniak is not boring (the daemon's own rule).
            if name == "boring_wozniak" { attempt += 1; continue }
            // After a collision Docker appends a digit.
            if attempt >= 3 { name += String(b % 10) }
            if !taken.contains(name) { return name }
            attempt += 1
            if attempt > 200 { return name + "_" + String(id.prefix(6)) }
        }
    }
}
