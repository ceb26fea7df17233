/// A flat description of an instruction for one-line displays: its keyword, its flags in
/// `--name=value` form and its arguments as written (unexpanded).
public struct InstructionSummary: Equatable, Sendable {
    public var keyword: String
    public var flags: [String]
    public var arguments: [String]
}

extension Instruction {
    public var summary: InstructionSummary { kind.summary }
}

extension InstructionKind {
    /// The upper-case keyword (`FROM`, `RUN`, ...).
    public var keyword: String { summary.keyword }

    public var summary: InstructionSummary {
        func form(_ c: CommandForm) -> [String] {
            switch c {
            case .shell(let s): return [s]
            case .exec(let a): return ["[" + a.map(jsonQuote).joined(separator: ", ") + "]"]
            }
        }
        func opt(_ name: String, _ v: String?) -> [String] { v.map { ["--\(name)=\($0)"] } ?? [] }
        switch self {
        case .from(let f):
            return InstructionSummary(keyword: "FROM", flags: opt("platform", f.platform),
                                      arguments: [f.image] + (f.stageName.map { ["AS", $0] } ?? []))
        case .run(let r):
            return InstructionSummary(keyword: "RUN", flags: r.mounts.map { "--mount=\($0)" } + opt("network", r.network) + opt("security", r.security),
                                      arguments: form(r.command) + r.heredocs.map { "<<\($0.name) (\($0.content.utf8.count) bytes)" })
        case .cmd(let c): return InstructionSummary(keyword: "CMD", flags: [], arguments: form(c))
        case .entrypoint(let c): return InstructionSummary(keyword: "ENTRYPOINT", flags: [], arguments: form(c))
        case .copy(let c):
            var flags = opt("from", c.from) + opt("chown", c.chown) + opt("chmod", c.chmod)
            if c.link { flags.append("--link") }
            if c.parents { flags.append("--parents") }
            flags += c.excludes.map { "--exclude=\($0)" } + opt("checksum", c.checksum)
            if c.keepGitDir { flags.append("--keep-git-dir") }
            return InstructionSummary(keyword: c.isAdd ? "ADD" : "COPY", flags: flags, arguments: c.sources + ["->", c.destination])
        case .workdir(let p): return InstructionSummary(keyword: "WORKDIR", flags: [], arguments: [p])
        case .env(let kv): return InstructionSummary(keyword: "ENV", flags: [], arguments: kv.map { "\($0.key)=\($0.value)" })
        case .label(let kv): return InstructionSummary(keyword: "LABEL", flags: [], arguments: kv.map { "\($0.key)=\($0.value)" })
        case .arg(let a):
            return InstructionSummary(keyword: "ARG", flags: [], arguments: a.map { d in d.defaultValue.map { "\(d.name)=\($0)" } ?? d.name })
        case .expose(let p): return InstructionSummary(keyword: "EXPOSE", flags: [], arguments: p)
        case .user(let u): return InstructionSummary(keyword: "USER", flags: [], arguments: [u])
        case .volume(let v): return InstructionSummary(keyword: "VOLUME", flags: [], arguments: v)
        case .shell(let s): return InstructionSummary(keyword: "SHELL", flags: [], arguments: ["[" + s.map(jsonQuote).joined(separator: ", ") + "]"])
        case .healthcheck(.none): return InstructionSummary(keyword: "HEALTHCHECK", flags: [], arguments: ["NONE"])
        case .healthcheck(.command(let c, let o)):
            var flags = opt("interval", o.interval) + opt("timeout", o.timeout) + opt("start-period", o.startPeriod)
            flags += opt("start-interval", o.startInterval) + opt("retries", o.retries.map(String.init))
            return InstructionSummary(keyword: "HEALTHCHECK", flags: flags, arguments: ["CMD"] + form(c))
        case .stopSignal(let s): return InstructionSummary(keyword: "STOPSIGNAL", flags: [], arguments: [s])
        case .onbuild(let trigger):
            let t = trigger.kind.summary
            return InstructionSummary(keyword: "ONBUILD", flags: [], arguments: [t.keyword] + t.flags + t.arguments)
        case .maintainer(let m): return InstructionSummary(keyword: "MAINTAINER", flags: [], arguments: [m])
        }
    }
}

extension DockerfileDocument {
    /// One line per instruction: line range, keyword, flags, arguments; stages introduced by
    /// their FROM line. Used by `dockyard parse`.
    public var readableListing: String {
        var lines: [String] = []
        func row(_ i: Instruction) {
            let r = i.range.startLine == i.range.endLine ? "\(i.range.startLine)" : "\(i.range.startLine)-\(i.range.endLine)"
            let s = i.summary
            let pad = { (t: String, w: Int) in t + String(repeating: " ", count: max(1, w - t.count)) }
            var text = pad(r, 9) + pad(s.keyword, 12)
            if !s.flags.isEmpty { text += s.flags.joined(separator: " ") + "  " }
            text += s.arguments.joined(separator: " ")
            lines.append(text)
        }
        for (k, v) in directives.sorted(by: { $0.key < $1.key }) { lines.append("# \(k)=\(v)") }
        for a in globalArgs { row(a) }
        for stage in stages {
            lines.append("stage \(stage.index)" + (stage.from.stageName.map { " (\($0))" } ?? ""))
            row(stage.fromInstruction)
            for i in stage.instructions { row(i) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
