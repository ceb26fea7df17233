import Dockerfile

/// BuildKit's build checks (the Dockerfile linter) that matter most to beginners, with the
/// rule names and messages of docker-behavior.md §2.5. BuildKit attaches them to the
/// `load build definition` vertex and summarises them after the build; the classic builder
/// has no checks.
enum BuildChecks {
    static func warnings(_ document: DockerfileDocument) -> [BuildProgressView.Warning] {
        var out: [BuildProgressView.Warning] = []
        func warn(_ rule: String, _ message: String, _ instruction: Instruction) {
            out.append(.init(rule: rule, message: message, line: instruction.range.startLine))
        }
        var stageNames: Set<String> = []
        for stage in document.stages {
            if let name = stage.from.stageName {
                if stageNames.contains(name) {
                    warn("DuplicateStageName", "Duplicate stage name \"\(name)\", stage names should be unique", stage.fromInstruction)
                }
                stageNames.insert(name)
            }
            let from = stage.fromInstruction.original
            let words = from.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 4, let asWord = words.dropFirst(2).first(where: { $0.lowercased() == "as" }) {
                let fromWord = words[0]
                let fromUpper = fromWord == fromWord.uppercased(), asUpper = asWord == asWord.uppercased()
                let fromLower = fromWord == fromWord.lowercased(), asLower = asWord == asWord.lowercased()
                if (fromUpper && asLower) || (fromLower && asUpper) {
                    warn("FromAsCasing", "'\(asWord)' and '\(fromWord)' keywords' casing do not match", stage.fromInstruction)
                }
                if let name = words.last, name != name.lowercased() {
                    warn("StageNameCasing", "Stage name '\(name)' should be lowercase", stage.fromInstruction)
                }
            }
            var workdirSet = false
            var shellSet = false
            var counts: [String: [Instruction]] = [:]
            for instruction in stage.instructions {
                switch instruction.kind {
                case .workdir(let path):
                    if !workdirSet, !path.hasPrefix("/"), !path.hasPrefix("$") {
                        warn("WorkdirRelativePath", "Relative workdir \"\(path)\" can have unexpected results if the base image changes", instruction)
                    }
                    workdirSet = true
                case .shell:
                    shellSet = true
                case .cmd(let form), .entrypoint(let form):
                    let name = keyword(instruction)
                    counts[name, default: []].append(instruction)
                    if case .shell = form, !shellSet {
                        warn("JSONArgsRecommended", "JSON arguments recommended for \(name) to prevent unintended behavior related to OS signals", instruction)
                    }
                case .healthcheck:
                    counts["HEALTHCHECK", default: []].append(instruction)
                case .maintainer:
                    warn("MaintainerDeprecated", "Maintainer instruction is deprecated in favor of using label", instruction)
                case .env, .label:
                    let name = keyword(instruction)
                    let rest = instruction.original.drop(while: { $0 != " " && $0 != "\t" }).drop(while: { $0 == " " || $0 == "\t" })
                    let firstWord = rest.prefix(while: { $0 != " " && $0 != "\t" })
                    if !firstWord.isEmpty, !firstWord.contains("=") {
                        warn("LegacyKeyValueFormat", "\"\(name) key=value\" should be used instead of legacy \"\(name) key value\" format", instruction)
                    }
                default:
                    break
                }
            }
            for name in ["CMD", "ENTRYPOINT", "HEALTHCHECK"] {
                guard let list = counts[name], list.count > 1 else { continue }
                for instruction in list.dropLast() {
                    warn("MultipleInstructionsDisallowed", "Multiple \(name) instructions should not be used in the same stage because only the last one will be used", instruction)
                }
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    static func keyword(_ instruction: Instruction) -> String {
        instruction.original.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 != " " && $0 != "\t" }).uppercased()
    }
}
