/// Short help for each Dockerfile instruction, shown by the REPL's `help dockerfile` and
/// `help FROM`: what it does, whether it makes a filesystem layer, and how it meets the cache
/// under BuildKit and under the classic builder (`DOCKER_BUILDKIT=0`).
public enum InstructionHelp {
    static let entries: [(keyword: String, summary: String, text: String)] = [
        ("FROM", "start a build stage from a base image or an earlier stage", """
            FROM [--platform=p] image[:tag|@digest] [AS name] starts a build stage from a base image (or an earlier stage).
            No layer of its own: the stage begins with the base image's layers.
            Cache: BuildKit resolves the tag to a digest; a new digest invalidates every later step. Classic keys on the local image ID.
            """),
        ("RUN", "run a command and keep the files it changes", """
            RUN command (shell form, via SHELL) or RUN ["exe", "arg"] (exec form) runs a command; flags --mount, --network, --security.
            Creates a filesystem layer with whatever the command changed.
            Cache: hit when the command text, env (ENV + ARGs in scope), workdir, user and parent are unchanged; files it produces are never inspected.
            """),
        ("CMD", "the default command of containers", """
            CMD ["exe", "arg"] or CMD command sets the default command (or ENTRYPOINT's default arguments) for containers.
            No layer: image config only.
            Cache: BuildKit: not a step, changing it never invalidates anything (the image ID still changes). Classic: a cached step; a change misses here and after.
            """),
        ("ENTRYPOINT", "the executable containers run", """
            ENTRYPOINT ["exe", "arg"] sets the executable containers run; CMD becomes its default arguments (shell form ignores CMD).
            No layer: image config only.
            Cache: BuildKit: not a step. Classic: a cached step; a change misses here and at every later step.
            """),
        ("COPY", "copy files from the build context or another stage", """
            COPY [--from=stage] [--chown=u:g] [--chmod=m] [--link] src... dest copies files from the context (or a stage/image) into the image.
            Creates a filesystem layer.
            Cache: keyed on the content (and mode) of the copied files, not their mtimes; with --from, identical files stay CACHED even if that stage re-ran.
            """),
        ("ADD", "like COPY, plus URLs, git repos and tar extraction", """
            ADD src... dest is COPY plus remote URLs, git repositories (--keep-git-dir) and auto-extraction of local tar archives; --checksum verifies downloads.
            Creates a filesystem layer.
            Cache: keyed on the content of the sources (for URLs, the downloaded bytes); prefer COPY when you just copy files.
            """),
        ("WORKDIR", "set (and create) the working directory", """
            WORKDIR /path sets the working directory for later instructions, relative to the previous WORKDIR; the directory is created.
            BuildKit: a (usually empty) layer; classic: a layer only if the directory is new.
            Cache: keyed on the path (after ENV/ARG expansion); a numbered step that can be CACHED.
            """),
        ("ENV", "set environment variables", """
            ENV KEY=value ... sets environment variables for later instructions and for containers.
            No layer: image config only.
            Cache: BuildKit: not a step, but a changed value invalidates the next RUN (env is part of its key). Classic: a cached step; a change misses here.
            """),
        ("ARG", "declare a build argument", """
            ARG NAME[=default] declares a build argument (set with --build-arg); before the first FROM it is only usable in FROM lines.
            No layer.
            Cache: a changed value misses at the first RUN that follows (RUN sees every ARG in scope), not at the ARG line itself.
            """),
        ("LABEL", "add metadata to the image", """
            LABEL key=value ... adds metadata to the image config.
            No layer.
            Cache: BuildKit: not a step, nothing is invalidated (only the image ID changes). Classic: a cached step; a change misses here and after.
            """),
        ("EXPOSE", "document the ports the container listens on", """
            EXPOSE port[/proto] ... records the ports the container listens on (it does not publish them; use docker run -p).
            No layer: image config only.
            Cache: BuildKit: not a step. Classic: a cached step; a change misses here and after.
            """),
        ("USER", "set the user for later steps and containers", """
            USER name|uid[:group] sets the user later RUN steps, CMD and ENTRYPOINT run as.
            No layer: image config only.
            Cache: BuildKit: not a step, but later RUNs include the user in their key. Classic: a cached step.
            """),
        ("VOLUME", "declare mount points", """
            VOLUME ["/data"] or VOLUME /a /b declares mount points that get an anonymous volume at run time.
            No layer: image config only (later changes to that path in RUN are discarded by the classic builder).
            Cache: BuildKit: not a step. Classic: a cached step.
            """),
        ("SHELL", "change the shell used by shell-form commands", """
            SHELL ["executable", "param"] replaces the default ["/bin/sh", "-c"] for later shell-form RUN, CMD and ENTRYPOINT.
            No layer: image config only.
            Cache: later RUN keys include the shell-wrapped command, so a change invalidates them.
            """),
        ("HEALTHCHECK", "how to test that a container is healthy", """
            HEALTHCHECK [--interval=30s --timeout=30s --start-period=0s --retries=3] CMD command, or HEALTHCHECK NONE to disable an inherited check.
            No layer: image config only.
            Cache: BuildKit: not a step. Classic: a cached step.
            """),
        ("STOPSIGNAL", "the signal that stops the container", """
            STOPSIGNAL SIGTERM|9 sets the system call signal docker stop sends.
            No layer: image config only.
            Cache: BuildKit: not a step. Classic: a cached step.
            """),
        ("ONBUILD", "an instruction to run when this image is used as a base", """
            ONBUILD INSTRUCTION stores a trigger that runs right after the FROM of a downstream build (not inherited further).
            No layer now; the trigger makes layers in the downstream build. ONBUILD ONBUILD, FROM and MAINTAINER are not allowed as triggers.
            Cache: BuildKit: not a step. Classic: a cached step.
            """),
        ("MAINTAINER", "deprecated author field", """
            MAINTAINER name sets the image's author field; deprecated, use LABEL org.opencontainers.image.authors=... instead.
            No layer: image config only.
            Cache: BuildKit: not a step. Classic: a cached step.
            """),
    ]

    /// Two or three lines on one instruction (keyword in any case), or nil if unknown.
    public static func text(for keyword: String) -> String? {
        let upper = keyword.uppercased()
        return entries.first { $0.keyword == upper }?.text
    }

    /// An overview of all instructions, one line each.
    public static var overview: String {
        entries.map { e in
            e.keyword + String(repeating: " ", count: max(1, 12 - e.keyword.count)) + e.summary
        }.joined(separator: "\n")
    }

    /// The keywords help is available for, in Dockerfile reference order.
    public static var keywords: [String] { entries.map(\.keyword) }
}
