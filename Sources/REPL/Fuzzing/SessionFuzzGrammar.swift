/// What a learner might type, valid and broken: the grammar `SessionFuzzer` draws its lines
/// from. One call gives one chunk of physical lines (a heredoc or a pasted Dockerfile is
/// several) or raw bytes.
struct SessionFuzzGrammar {
    enum Chunk {
        case lines([String])
        case bytes([UInt8])
    }

    var random: FuzzRandom

    // MARK: - Word pools

    static let files = ["Dockerfile", "app.py", "requirements.txt", "main.go", "src", "src/a.txt", "src/b", "\"dir with space\"",
                        ".dockerignore", "*.txt", "*", "src/*", "../x", "/app/x", "/etc/passwd", "ü.txt", "''", "a\\\\b", "out",
                        "Dockerfile.dev", "./", ".", "..", "/", "x/y/z", "-", "--", "-rf", "'a b'", "$HOME/f", "docs/*.md"]
    static let images = ["alpine", "alpine:3.20", "alpine:latest", "busybox", "busybox:1.37", "ubuntu:24.04", "ubuntu", "python:3.13-slim",
                         "nginx", "nginx:alpine", "node:22-alpine", "golang:1.23", "debian:bookworm-slim", "hello-world", "scratch",
                         "myapp", "myapp:v1", "myapp:latest", "app", "app:2", "localhost:5000/myapp", "localhost:5000/myapp:v1",
                         "user/app:latest", "docker.io/library/alpine", "registry.example.com/team/api:1.0",
                         "sha256:0123456789abcdef", "0123", "UPPER", "a@sha256:bad", ":", "", "a:b:c", "alpine@sha256:" + String(repeating: "a", count: 64),
                         "-x", "myapp:" + String(repeating: "t", count: 130), "nosuchimage:9"]
    static let containers = ["c1", "c2", "web", "db", "my_container", "nosuch", "0", "abc", "-", "''", "ü", "c1 c2"]
    static let stages = ["build", "base", "final", "0", "1", "nosuch", "BUILD", "x y"]
    static let shellCommands = ["echo hi", "ls -la", "cat /etc/os-release", "apk add --no-cache curl", "apt-get update && apt-get install -y curl",
                                "pip install -r requirements.txt", "go build -o /out/app .", "rm -rf /tmp/*", "touch /x && rm /x",
                                "sh -c 'echo $HOME'", "exit 1", "false", "true", "sleep 1", "npm ci", "mkdir -p /a/b/c", "echo \"unclosed",
                                "dd if=/dev/zero of=/big bs=1M count=10", "chmod +x /x", "whoami", "pwd", "env", "cd / && ls",
                                "printf '%s\\n' a b > /f", "for i in 1 2 3; do echo $i; done", "ps", "id", "uname -a"]
    static let texts = ["hello", "'single quoted'", "\"double $HOME\"", "flask==3.0", "print('hi')", "$PWD", "a\\ b", "\"unbalanced",
                        "'unbalanced", "`backtick`", "$(whoami)", "ü ñ 中文 🐳", "\t", "a;b", "a|b", "a&&b", "FROM alpine", "${X:-y}", "\\"]

    // MARK: - Chunks

    /// The rest of a scenario, one chunk per entry.
    var pending: [[String]] = []

    mutating func chunk(attached: Bool) -> Chunk {
        if !pending.isEmpty && !attached { return .lines(pending.removeFirst()) }
        if random.chance(4) {
            pending = scenario()
            return .lines(pending.removeFirst())
        }
        if attached && random.chance(50) {
            return .lines([random.pick(["exit", "exit 3", "ls", "ls -la /", "ps", "echo hi > /f", "cat /f", "cd /", "cd /nosuch", "whoami", "exit abc",
                                        "apk add curl", "apt-get update", "rm -rf /", "rm -rf /bin", "touch /tmp/x", "env", "export A=1", "echo $A",
                                        "sh", "python3 -c 'print(1)'", "cat /etc/os-release", "hostname", "kill 1", "mkdir /a && cd /a && pwd",
                                        "echo \"unclosed", "for i in 1 2; do echo $i; done", "while true; do :; done", "yes | head -3",
                                        "cat <<EOF", "exec sh", "exit 256", "logout", "ls | grep a > /out"])])
        }
        let kind = random.int(100)
        var chunk: Chunk
        switch kind {
        case 0..<18: chunk = workspace()
        case 18..<36: chunk = dockerfileLine()
        case 36..<48: chunk = .lines([build()])
        case 48..<58: chunk = .lines([imageCommand()])
        case 58..<66: chunk = .lines([registryCommand()])
        case 66..<78: chunk = .lines([containerCommand()])
        case 78..<84: chunk = .lines([teaching()])
        case 84..<88: chunk = .lines([random.pick(["undo", "redo", "undo", " undo ", "undo 2", "history", "history 3", "help", "help docker",
                                                  "help RUN", "help nosuch", "clear", "pwd", "lessons"])])
        case 88..<91: chunk = .lines([dockerfileCommand()])
        case 91..<95: chunk = .lines([lessonCommand()])
        default: chunk = noise()
        }
        if random.chance(6), case .lines(var lines) = chunk, !lines.isEmpty {
            let index = random.int(lines.count)
            lines[index] = mutate(lines[index])
            chunk = .lines(lines)
        }
        return chunk
    }

    /// An answer to a question (`Username: `, `Password: `, `[y/N]`).
    mutating func answer() -> String {
        random.pick(["", "y", "Y", "yes", "n", "N", "no", "student", "secret", "  ", "ü", "pass word", "docker", "q",
                     String(repeating: "y", count: random.int(300)), "\u{1B}[A", "exit", "undo", "docker images"])
    }

    // MARK: - Workspace

    mutating func workspace() -> Chunk {
        let f = random.pick(SessionFuzzGrammar.files)
        let g = random.pick(SessionFuzzGrammar.files)
        switch random.int(16) {
        case 0: return .lines(["ls" + random.pick(["", " -l", " -a", " -la", " -R", " -z"]) + random.pick(["", " " + f, " " + f + " " + g])])
        case 1: return .lines(["cat " + f + random.pick(["", " " + g, " > " + g, " >> " + g])])
        case 2: return .lines(["echo" + random.pick(["", " -n", " -e"]) + " " + random.pick(SessionFuzzGrammar.texts) + random.pick(["", " > " + f, " >> " + f, " >", " 2> " + f, " > " + f + " > " + g])])
        case 3: return .lines(["touch " + f + random.pick(["", " " + g])])
        case 4: return .lines(["rm" + random.pick(["", " -r", " -f", " -rf"]) + " " + f])
        case 5: return .lines(["cp" + random.pick(["", " -r"]) + " " + f + " " + g])
        case 6: return .lines(["mv " + f + " " + g + random.pick(["", " " + f])])
        case 7: return .lines(["mkdir" + random.pick(["", " -p"]) + " " + random.pick(["src", "src/b", "a/b/c", f])])
        case 8: return .lines(["cd" + random.pick(["", " " + f, " src", " ..", " /app", " /", " -"])])
        case 9: return .lines(["tree" + random.pick(["", " " + f, " src"])])
        case 10, 11:
            let quoted = random.chance(50)
            let delimiter = random.pick(["EOF", "END", "x"])
            var lines = ["cat " + random.pick([">", ">>"]) + " " + f + " <<" + (quoted ? "'\(delimiter)'" : delimiter)]
            for _ in 0..<random.int(4) { lines.append(random.pick(SessionFuzzGrammar.texts + ["FROM alpine", "RUN echo $HOME", "EOF"])) }
            if random.chance(90) { lines.append(delimiter) }
            return .lines(lines)
        case 12:
            if random.chance(50) { return .lines(["cat > Dockerfile <<'EOF'"] + dockerfileBody() + ["EOF"]) }
            // Input for docker itself: a Dockerfile or a password on standard input.
            return .lines(random.pick([
                ["docker build -t piped - <<EOF"] + dockerfileBody() + ["EOF"],
                ["docker build -f- . <<'EOF'"] + dockerfileBody() + ["EOF"],
                ["cat Dockerfile | docker build -t piped -"], ["echo 'FROM alpine' | docker build -"],
                ["docker login -u student --password-stdin <<EOF", "secret", "EOF"], ["cat app.py | docker login --password-stdin -u x"],
                ["cat Dockerfile | docker run -i alpine cat"], ["echo hi | docker run -i --rm busybox wc -c"],
            ]))
        case 13: return .lines(["echo " + random.pick(["flask", "print(1)", "x"]) + " " + random.pick([">", ">>"]) + " " + random.pick(["app.py", "requirements.txt", "src/a.txt", "main.go"])])
        case 14:
            // .dockerignore patterns are parsed too (globs, exceptions, escapes).
            let pattern = random.pick(["node_modules", "*", "**", "!src", "src/**/*.txt", "[a-", "\\\\", "**/", "/", "!", "#x", "a[", "?", "[!a]*", "[^a]",
                                       "\\\\*", "  spaced  ", "../x", "./a", "*.py", "!app.py", "Dockerfile", "!Dockerfile", "src/[", "{a,b}", "***", "a/**/b/**"])
            return .lines(["echo '\(pattern)' " + random.pick([">", ">>"]) + " .dockerignore", "cat .dockerignore"].shuffledPrefix(using: &random))
        default: return .lines([random.pick(["pwd", "ls -l src/*", "rm *.txt", "cp -r src dst", "mv src/* .", "cat *", "edit app.py", "ls | wc", "cd src; ls"])])
        }
    }

    // MARK: - Dockerfile

    mutating func instruction() -> String {
        let image = random.pick(["alpine", "alpine:3.20", "busybox", "python:3.13-slim", "ubuntu:24.04", "scratch", "node:22-alpine",
                                 "golang:1.23", "nosuch:1", "$BASE", "build", "", "ALPINE"])
        switch random.int(24) {
        case 0: return "FROM " + image + random.pick(["", " AS build", " AS final", " as base", " AS", " --platform=linux/amd64", " AS 1x"])
        case 1: return "FROM --platform=$BUILDPLATFORM " + image
        case 2: return "RUN " + random.pick(SessionFuzzGrammar.shellCommands)
        case 3: return "RUN --mount=" + random.pick(["type=cache,target=/root/.cache", "type=bind,source=.,target=/src", "type=secret,id=x",
                                                    "type=tmpfs,target=/tmp", "type=nosuch", "", "type=cache", "target=/x,type=cache,id=a"])
                + " " + random.pick(SessionFuzzGrammar.shellCommands)
        case 4: return "RUN [" + random.pick(["\"echo\", \"hi\"]", "\"sh\"", "]", "\"a\"] x"])
        case 5: return "COPY " + random.pick(["", "--chown=1000:1000 ", "--chown=app ", "--chmod=755 ", "--from=build ", "--from=0 ", "--link ", "--chown= ", "--nosuch "])
                + random.pick([". .", "app.py /app/", "requirements.txt .", "src/ /src/", "*.txt /t/", "/out/app /app", "nosuch /", "a", "[\"app.py\", \"/x/\"]",
                                "[a-z]* /x/", "src/**/ /x", "[ /x", "a[ /x", "? /q/", "../x /", "/ /root/", "src/[ab].txt /", "\\* /"])
        case 6: return "ADD " + random.pick(["app.py /", "https://example.com/x.tar.gz /x", "src.tar /", ". .", "--chown=1:1 a b", ""])
        case 7: return "WORKDIR " + random.pick(["/app", "/src", "rel", "", "$HOME", "/a b"])
        case 8: return "ENV " + random.pick(["A=1", "A 1", "A=\"x y\" B=2", "=x", "A", "PATH=$PATH:/x"])
        case 9: return "ARG " + random.pick(["BASE=alpine", "VERSION", "A=1 B=2", "=", "V=${X:-y}"])
        case 10: return "CMD " + random.pick(["[\"python\", \"app.py\"]", "python app.py", "[\"bad\"", "[]", ""])
        case 11: return "ENTRYPOINT " + random.pick(["[\"/app\"]", "/bin/sh -c x", "[", ""])
        case 12: return "EXPOSE " + random.pick(["80", "8080/tcp", "53/udp", "abc", "80-90", "", "99999"])
        case 13: return "LABEL " + random.pick(["a=b", "\"k\"=\"v\" x=y", "a", "=b"])
        case 14: return "USER " + random.pick(["app", "1000:1000", "root", "", "nosuch"])
        case 15: return "VOLUME " + random.pick(["/data", "[\"/a\", \"/b\"]", "", "["])
        case 16: return "HEALTHCHECK " + random.pick(["CMD curl -f http://localhost/", "NONE", "--interval=5s CMD true", "--interval=x CMD y", ""])
        case 17: return "SHELL " + random.pick(["[\"/bin/sh\", \"-c\"]", "/bin/bash", "[]"])
        case 18: return "STOPSIGNAL " + random.pick(["SIGTERM", "9", "NOPE", ""])
        case 19: return "ONBUILD " + random.pick(["RUN echo hi", "ONBUILD RUN x", "FROM alpine", ""])
        case 20: return "MAINTAINER " + random.pick(["me", ""])
        case 21: return random.pick(["from alpine", "run echo lower", "Copy . .", "FROM", "RUN", "COPY", "FROM alpine AS build AS x"])
        case 22: return "RUN echo \\"
        default: return "# " + random.pick(["comment", "syntax=docker/dockerfile:1", "escape=`"])
        }
    }

    /// A whole Dockerfile, single- or multi-stage.
    mutating func dockerfileBody() -> [String] {
        var lines = [random.chance(80) ? "FROM " + random.pick(["alpine:3.20", "busybox", "python:3.13-slim"]) + (random.chance(40) ? " AS build" : "") : instruction()]
        for _ in 0..<random.int(6) { lines.append(instruction()) }
        if random.chance(30) {
            lines.append("FROM alpine")
            lines.append("COPY --from=build / /x")
        }
        return lines
    }

    mutating func dockerfileLine() -> Chunk {
        switch random.int(10) {
        case 0:
            // A heredoc instruction.
            let delimiter = random.pick(["EOF", "SCRIPT", "E"])
            var lines = [random.pick(["RUN <<", "RUN <<-", "COPY <<", "RUN --mount=type=cache,target=/c <<", "RUN cat <<"]) + delimiter
                            + random.pick(["", " /app/file", " > /x", " <<E2"])]
            for _ in 0..<random.int(4) { lines.append(random.pick(["echo hi", "\techo tab", "set -e", "EOF", "", "$HOME"])) }
            if random.chance(85) { lines.append(delimiter) }
            return .lines(lines)
        case 1:
            // A pasted Dockerfile (the driver holds it as one block until flushed).
            return .lines(dockerfileBody())
        case 2:
            return .lines(["RUN echo a && \\", random.pick(["    echo b", "", "\\", "    echo c && \\", "FROM alpine"])])
        default:
            return .lines([instruction()])
        }
    }

    // MARK: - docker

    mutating func buildFlags() -> String {
        var flags: [String] = []
        for _ in 0..<random.int(4) {
            flags.append(random.pick(["-t " + random.pick(SessionFuzzGrammar.images), "--tag myapp:v" + String(random.int(3)), "--no-cache",
                                      "-f " + random.pick(["Dockerfile", "Dockerfile.dev", "nosuch", "-", "src/Dockerfile"]),
                                      "--target " + random.pick(SessionFuzzGrammar.stages), "--build-arg BASE=alpine", "--build-arg V",
                                      "--progress=plain", "--progress=quiet", "--progress=nosuch", "-q", "--pull", "--platform linux/arm64",
                                      "--label a=b", "--network none", "--rm", "--nosuch", "-t", "--iidfile x", "--no-cache-filter build"]))
        }
        return flags.joined(separator: " ")
    }

    mutating func build() -> String {
        let prefix = random.pick(["", "", "DOCKER_BUILDKIT=0 ", "DOCKER_BUILDKIT=1 ", "DOCKER_BUILDKIT=x "])
        let verb = random.pick(["docker build", "docker build", "docker image build", "docker buildx build", "docker builder build"])
        let context = random.pick([".", ".", "src", "nosuch", "-", "", "https://github.com/x/y.git", ". extra", "..", "/app", "/", "../..", "./src/", "Dockerfile"])
        return prefix + verb + " " + buildFlags() + " " + context
    }

    /// A Go template for `--format`, valid or not (templates are parsed and run too).
    mutating func template() -> String {
        let field = random.pick([".", ".Id", ".ID", ".RepoTags", ".Config.Env", ".Config.Cmd", ".Config.ExposedPorts", ".Size", ".Names", ".Image",
                                 ".Repository", ".Tag", ".CreatedBy", ".Type", ".Client.Version", ".Images", ".State", ".Config", ".NoSuch", ".Id.Nope"])
        let body = random.pick(["{{\(field)}}", "{{json \(field)}}", "{{range \(field)}}{{.}} {{end}}", "{{index \(field) 0}}", "{{index \(field) 99}}",
                                "{{index \(field) -1}}", "{{slice \(field) 0 5}}", "{{slice \(field) 5 2}}", "{{slice \(field) 0 99999}}", "{{len \(field)}}",
                                "{{printf \"%s|%d|%v\" \(field)}}", "{{upper \(field)}}", "{{lower \(field)}}", "{{title \(field)}}", "{{split \(field) \":\"}}",
                                "{{join \(field) \",\"}}", "{{if \(field)}}yes{{else}}no{{end}}", "{{with \(field)}}{{.}}{{end}}", "{{$x := \(field)}}{{$x}}",
                                "{{", "}}", "{{}}", "{{range}}", "{{end}}", "{{if}}", "{{template \"x\"}}", "{{define \"x\"}}a{{end}}{{template \"x\"}}",
                                "table {{\(field)}}\t{{.ID}}", "table", "{{println \(field)}}", "{{pad \(field) 1 2}}", "{{truncate \(field) 3}}",
                                "{{\(field) | json}}", "{{(\(field))}}", "{{- \(field) -}}", "{{/* c */}}", "{{\"a\" | printf \"%q\"}}", "{{index . \"x\"}}",
                                "{{range $i, $e := \(field)}}{{$i}}={{$e}}{{end}}", "{{eq \(field) 1}}", "{{not}}", "{{and 1}}", "{{or}}", "{{call \(field)}}"])
        return "'" + body + "'"
    }

    mutating func imageCommand() -> String {
        let image = random.pick(SessionFuzzGrammar.images)
        let other = random.pick(SessionFuzzGrammar.images)
        switch random.int(18) {
        case 0: return "docker images" + random.pick(["", " -a", " -q", " --digests", " --no-trunc", " --filter dangling=true", " --filter reference=my*",
                                                     " --format '{{.Repository}}:{{.Tag}}'", " --format '{{json .}}'", " --format '{{.Nope}}'", " --format '{{'", " " + image, " --tree"])
        case 1: return "docker image ls" + random.pick(["", " -a", " --filter before=alpine", " --filter label=a"])
        case 2: return "docker history " + random.pick(["", "--no-trunc ", "-q ", "--format '{{.CreatedBy}}' ", "-H=false "]) + image
        case 3: return "docker " + random.pick(["inspect ", "image inspect ", "inspect -f '{{.Id}}' ", "inspect --format '{{json .Config}}' ", "inspect --type image "]) + image
        case 4: return "docker tag " + image + " " + other
        case 5: return "docker " + random.pick(["rmi ", "rmi -f ", "image rm ", "rmi --no-prune "]) + image + random.pick(["", " " + other])
        case 6: return "docker " + random.pick(["image prune", "image prune -f", "image prune -a", "image prune -a -f", "image prune --filter until=1h -f"])
        case 7: return "docker system df" + random.pick(["", " -v", " --format '{{.Type}}'"])
        case 8: return "docker system prune" + random.pick(["", " -f", " -a", " -a -f", " --volumes -f"])
        case 9: return "docker " + random.pick(["buildx du", "buildx du --verbose", "builder prune", "builder prune -a -f", "buildx prune -f", "builder du"])
        case 10: return "docker " + random.pick(["version", "info", "--version", "-v", "version --format '{{.Client.Version}}'", "info --format '{{.Images}}'"])
        case 11: return "docker " + random.pick(["", "--help", "help", "image", "nosuch", "imgaes", "build --help", "run --help", "images --nosuch"])
        case 12: return "docker save " + image + random.pick(["", " -o x.tar"])
        case 13: return "docker image history " + image
        case 14: return "docker tag " + image
        case 15: return "docker " + random.pick(["images", "inspect " + image, "image inspect " + image, "history " + image, "ps -a", "system df", "version", "info",
                                                 "container ls", "inspect c1", "buildx du", "image ls -a", "network ls", "volume ls"]) + " --format " + template()
        default: return "docker rmi $(docker images -q)"
        }
    }

    mutating func registryCommand() -> String {
        let image = random.pick(SessionFuzzGrammar.images)
        switch random.int(9) {
        case 0: return "docker pull " + random.pick(["", "-q ", "--all-tags ", "-a ", "--platform linux/arm64 "]) + image
        case 1: return "docker push " + random.pick(["", "-q ", "--all-tags "]) + image
        case 2: return "docker login" + random.pick(["", " localhost:5000", " -u student", " -u student -p secret", " -u student -p secret localhost:5000",
                                                    " --password-stdin", " -u x --password-stdin", " -p x", " registry.example.com", " nosuch..host"])
        case 3: return "docker logout" + random.pick(["", " localhost:5000", " nosuch"])
        case 4: return "docker search " + random.pick(["alpine", "python", "", "--limit 2 nginx", "--filter is-official=true py", "ü"])
        case 5: return "docker manifest " + random.pick(["inspect ", "inspect --verbose ", "create ", ""]) + image
        case 6: return "docker image push " + image
        case 7: return "echo secret | docker login -u student --password-stdin " + random.pick(["", "localhost:5000"])
        default: return "docker buildx imagetools inspect " + image
        }
    }

    mutating func containerCommand() -> String {
        let image = random.pick(SessionFuzzGrammar.images)
        let name = random.pick(SessionFuzzGrammar.containers)
        let runFlags = (0..<random.int(4)).map { _ in
            random.pick(["-d", "-it", "-i", "-t", "--rm", "--name " + name, "-p 8080:80", "-p 80", "-e A=1", "-v /data", "-w /tmp",
                         "--entrypoint sh", "--user 1000", "-P", "--restart always", "--nosuch", "-p x:y", "--init",
                         "-v .:/src", "-v /app:/x:ro", "-v :/x", "-v a:b:c:d", "--mount type=bind,src=.,dst=/x", "--mount type=volume,dst=/v", "--mount nonsense",
                         "-e A", "-e =x", "--env-file nosuch", "-w ''", "--workdir rel", "-u nosuch", "--entrypoint ''", "-p 0:80", "-p 65536:80",
                         "-p 127.0.0.1::80", "-p [::1]:8080:80", "--name ''", "--name " + String(repeating: "n", count: 300), "-h host", "--network none",
                         "--rm -d", "-t", "--read-only", "--memory 1g", "--cpus x", "--platform linux/arm64", "--pull always", "--pull never"])
        }.joined(separator: " ")
        let command = random.pick(["", "", " echo hi", " sh", " ls /", " sleep 100", " false", " cat /etc/hostname", " exit 3", " python app.py"])
        switch random.int(18) {
        case 0: return "docker run " + runFlags + " " + image + command
        case 1:
            // An interactive shell: the lines after it go to the container.
            return "docker " + random.pick(["run -it", "run -it --rm", "run -it --name " + name, "exec -it " + name, "start -ai " + name])
                + " " + random.pick(["alpine", "ubuntu", "busybox", "python:3.13-slim", name, "nosuch"]) + random.pick(["", "", " sh", " bash", " /bin/sh"])
        case 2: return "docker create " + runFlags + " " + image + command
        case 3: return "docker exec " + random.pick(["", "-it ", "-d ", "-u root ", "-w /tmp "]) + name + random.pick([" ls", " sh", " echo hi", "", " ps"])
        case 4: return "docker " + random.pick(["ps", "ps -a", "ps -q", "ps -aq", "ps --format '{{.Names}}'", "ps -n 1", "ps -l", "container ls --filter status=exited", "ps --no-trunc"])
        case 5: return "docker logs " + random.pick(["", "-t ", "--tail 2 ", "-f ", "--since 1m "]) + name
        case 6: return "docker stop " + random.pick(["", "-t 0 ", "-s KILL "]) + name
        case 7: return "docker start " + random.pick(["", "-a ", "-ai "]) + name
        case 8: return "docker kill " + random.pick(["", "-s HUP "]) + name
        case 9: return "docker rm " + random.pick(["", "-f ", "-v "]) + name
        case 10: return "docker cp " + random.pick([name + ":/etc/hostname .", "app.py " + name + ":/tmp/", name + ":/nosuch x", ". " + name + ":/", "a b"])
        case 11: return "docker top " + name + random.pick(["", " -ef", " aux"])
        case 12: return "docker wait " + name
        case 13: return "docker commit " + random.pick(["", "-m msg ", "-c 'CMD [\"sh\"]' ", "-c nonsense "]) + name + random.pick(["", " snap", " snap:1", " UPPER"])
        case 14: return "docker rename " + name + " " + random.pick(SessionFuzzGrammar.containers)
        case 15: return "docker " + random.pick(["container prune -f", "container prune", "restart " + name, "pause " + name, "unpause " + name, "inspect " + name, "port " + name, "stats --no-stream", "diff " + name])
        case 16: return "curl " + random.pick(["", "-fsSL "]) + random.pick(["http://localhost:8080/", "localhost:80", "http://example.com", "http://localhost:x/"])
        default: return "docker container " + random.pick(["run --rm ", "create ", "start ", "ls -a", "rm -f "]) + name
        }
    }

    // MARK: - Teaching, dockerfile, lessons

    mutating func teaching() -> String {
        let image = random.pick(SessionFuzzGrammar.images)
        switch random.int(9) {
        case 0: return "explain" + random.pick(["", " 1", " 2", " 5", " 0", " -1", " x", " 99999999999999999999", " 1 2"])
        case 1: return "layers " + image
        case 2: return "compare " + image + " " + random.pick(SessionFuzzGrammar.images)
        case 3: return "set " + random.pick(["explain on", "explain off", "explain", "width 40", "width 200", "width 10", "width 11", "width 13", "width 17", "width 24", "width 1000", "width 65536", "width 0", "width -5", "width x", "width 100000000000", "nosuch", ""])
        case 4: return "export " + random.pick(["svg out.svg", "html out.html --force", "svg", "pdf x", "svg x.svg " + image])
        case 5: return "watch " + random.pick(["on", "off", "on -t w", "on --no-cache", "on --target build", "on --nosuch", "", "on --classic"])
        case 6: return "layers"
        case 7: return "compare " + image
        default: return "explain"
        }
    }

    mutating func dockerfileCommand() -> String {
        let n = random.pick(["1", "2", "3", "0", "-1", "99", "x", "", "1.5", "18446744073709551616"])
        switch random.int(5) {
        case 0: return "dockerfile"
        case 1: return "dockerfile replace " + n + " " + instruction()
        case 2: return "dockerfile insert " + n + " " + instruction()
        case 3: return "dockerfile delete " + n
        default: return "dockerfile " + random.pick(["nosuch", "replace", "insert 1", "delete", "edit", "show"])
        }
    }

    mutating func lessonCommand() -> String {
        random.pick(["lesson " + String(random.int(in: 0...13)), "lesson", "lesson quit", "lesson x", "lesson -1", "lessons", "hint", "hint",
                     "check", "check", "next", "back", "reset", "progress", "solution", "solution run", "solution run", "lesson 99999999999999999999"])
    }

    // MARK: - Scenarios

    /// A plausible run of commands (write, build, run, commit, push, delete, rebuild) that
    /// reaches states random lines rarely do.
    mutating func scenario() -> [[String]] {
        let tag = random.pick(["app", "myapp:v1", "localhost:5000/app:1", "web:latest"])
        let other = random.pick(["app:2", "localhost:5000/app:2", "copy", "myapp:v1"])
        let name = random.pick(["s1", "s2", "web"])
        let classic = random.chance(35) ? "DOCKER_BUILDKIT=0 " : ""
        var steps: [[String]] = [
            ["mkdir -p src"], ["echo 'print(1)' > app.py"], ["echo 'flask' > requirements.txt"], ["echo hi > src/a.txt"],
            ["cat > Dockerfile <<'EOF'"] + dockerfileBody() + ["EOF"],
            [classic + "docker build " + buildFlags() + " -t " + tag + " ."],
        ]
        for _ in 0..<random.int(in: 2...7) {
            steps.append([random.pick([
                classic + "docker build -t " + tag + " .", classic + "docker build --no-cache -t " + other + " .",
                "docker run --name " + name + " " + tag, "docker run -d --name " + name + " " + tag + " sleep 100",
                "docker run --rm " + tag + " ls /", "docker exec " + name + " ls", "docker commit " + name + " " + other,
                "docker tag " + tag + " " + other, "docker push " + random.pick([tag, other]), "docker rmi " + random.pick([tag, other]),
                "docker rmi -f " + tag, "docker pull " + random.pick([tag, other]), "docker rm -f " + name, "docker image prune -f",
                "docker system prune -a -f", "docker builder prune -a -f", "docker history " + tag, "layers " + tag, "compare " + tag + " " + other,
                "explain", "explain " + String(random.int(in: 1...4)), "echo more >> src/a.txt", "dockerfile delete 2",
                "dockerfile insert 2 " + instruction(), "dockerfile replace 1 FROM busybox", "docker cp " + name + ":/etc/hostname out",
                "docker cp app.py " + name + ":/tmp/", "docker start " + name, "docker stop " + name, "docker logs " + name,
                "undo", "undo", "redo", "docker system df", "docker buildx du", "docker images -a", "docker ps -a",
            ])])
        }
        return steps
    }

    // MARK: - Noise

    mutating func noise() -> Chunk {
        switch random.int(9) {
        case 0:
            return .bytes((0..<random.int(40)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        case 1:
            let unit = random.pick(["a", "ü", "🐳", " ", "\"", "docker ", "\\"])
            return .lines([random.pick(["", "echo ", "docker run ", "RUN "]) + String(repeating: unit, count: random.int(in: 100...9000))])
        case 2:
            return .lines([random.pick(["echo \"unclosed", "echo 'unclosed", "docker run \"alpine", "RUN echo \"x", "ls '", "cd \"src"])])
        case 3:
            return .lines([random.pick(["\u{0}", "\u{7}", "\u{1B}[31mred", "\r", "\u{7F}", "\u{200B}docker images", "docker\u{00A0}images", "ｄｏｃｋｅｒ images"])])
        case 4:
            return .lines([random.pick(["", " ", "\t", "#", "# comment", ";", "&&", "|", ">", "<<", "<<EOF", "\\", "$", "${", "*", "~"])])
        case 5:
            // Invalid UTF-8 with a valid command around it.
            return .bytes(Array("echo ".utf8) + [0xC3, 0x28, 0xFF] + Array(" > f".utf8))
        case 6:
            return .lines([random.pick(["exit", "quit", "exit 2"])])
        default:
            return .lines([random.pick(["DoCkEr images", "docker images;docker ps", "docker images && ls", "ls > >", "cat < app.py",
                                        "echo $((1+1))", "A=1", "A=1 docker images", "sudo docker images", "docker  images", "docker -- images"])])
        }
    }

    mutating func mutate(_ line: String) -> String {
        var scalars = Array(line.unicodeScalars)
        switch random.int(5) {
        case 0 where !scalars.isEmpty:
            scalars.remove(at: random.int(scalars.count))
        case 1:
            let inserted = random.pick(["\"", "'", "\\", " ", "$", "*", "{", "}", "ü", "\t", "=", ":", "@", "-", "#", "<", ">"])
            scalars.insert(contentsOf: inserted.unicodeScalars, at: random.int(scalars.count + 1))
        case 2 where !scalars.isEmpty:
            scalars = Array(scalars.prefix(random.int(scalars.count)))
        case 3:
            return line + " " + line
        default:
            return line.uppercased()
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

extension Array {
    /// A random non-empty prefix (tests `cat` after a write, or the write alone).
    fileprivate func shuffledPrefix(using random: inout FuzzRandom) -> [Element] {
        Array(prefix(random.int(in: 1...Swift.max(1, count))))
    }
}
