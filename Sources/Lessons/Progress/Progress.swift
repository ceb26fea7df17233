/// What a learner has done, per lesson id. A value: the runner changes it, the store saves it.
public struct LessonProgress: Codable, Hashable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        /// 1-based numbers of steps whose checks passed.
        public var stepsDone: Set<Int> = []
        /// Hints revealed, by 1-based step number.
        public var hintsUsed: [Int: Int] = [:]
        /// Steps whose solution was shown.
        public var solutionsShown: Set<Int> = []
        /// The step the learner was on when last seen (1-based).
        public var currentStep: Int = 1
        /// Every step passed at least once.
        public var completed: Bool = false
        public init() {}

        enum CodingKeys: String, CodingKey { case stepsDone, hintsUsed, solutionsShown, currentStep, completed }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            stepsDone = try c.decodeIfPresent(Set<Int>.self, forKey: .stepsDone) ?? []
            hintsUsed = try c.decodeIfPresent([Int: Int].self, forKey: .hintsUsed) ?? [:]
            solutionsShown = try c.decodeIfPresent(Set<Int>.self, forKey: .solutionsShown) ?? []
            currentStep = try c.decodeIfPresent(Int.self, forKey: .currentStep) ?? 1
            completed = try c.decodeIfPresent(Bool.self, forKey: .completed) ?? false
        }

        /// Sets are written sorted, so the file is the same for the same progress.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stepsDone.sorted(), forKey: .stepsDone)
            try c.encode(hintsUsed, forKey: .hintsUsed)
            try c.encode(solutionsShown.sorted(), forKey: .solutionsShown)
            try c.encode(currentStep, forKey: .currentStep)
            try c.encode(completed, forKey: .completed)
        }
    }

    public var version: Int = 1
    public var lessons: [String: Entry] = [:]
    public init() {}

    public subscript(id: String) -> Entry {
        get { lessons[id] ?? Entry() }
        set { lessons[id] = newValue }
    }

    public var totalHintsUsed: Int { lessons.values.reduce(0) { $0 + $1.hintsUsed.values.reduce(0, +) } }
}
