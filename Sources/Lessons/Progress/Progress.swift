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
