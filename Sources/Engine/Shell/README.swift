// Engine/Shell README (kept as a Swift comment file so SwiftPM needs no resource rules).
//
// # Engine/Shell: the simulated `/bin/sh`
//
// Runs RUN commands (and a container's processes) against a `FileTree` value. Nothing runs on
// the host, nothing reads the clock, nothing is random: the same tree and the same
// `ShellInvocation` always give the same `ShellOutcome`, generated file seeds included.
//
// ## What it owns
//
// | file | job |
// | --- | --- |
// | `CommandSimulator.swift` | the contract (`ShellInvocation`, `ShellOutcome`, `CommandSimulator`) — shared, do not change |
// | `SimulatedShell.swift` | entry point: shell form (`sh -c`, `sh script`, script on stdin) or exec form |
// | `InteractiveShell.swift` | a shell typed into line by line (`docker run -it IMAGE sh`): cwd, variables and functions persist; prompts per shell |
// | `ShellSyntax.swift`, `ShellParser.swift` | lexer (quotes, escapes, `$`-expansions, heredocs) and recursive-descent parser |
// | `ShellInterpreter*.swift` | execution: expansion, field splitting, globbing, redirections, pipes, builtins, `set -eux` |
// | `ShellPrograms.swift` | which programs exist (the PATH rule below) and the simulator registry |
// | `Commands/` | simulated programs: file commands, text filters, apt, apk, pip, npm, curl/wget, tar, go, useradd… |
// | `Catalog/` | package data: Debian, Alpine, PyPI and npm packages with versions, sizes, dependencies |
//
// It must not print, do I/O, or know about layers, images or the builder: it takes a tree and
// returns a tree; the engine diffs them.
//
// ## The shell language
//
// POSIX sh as dash runs it: single/double quotes, backslashes, `$VAR`, `${VAR}`, `${VAR:-x}`
// and the other `${…}` operators, `$(…)`, backticks, `$((…))`, `~`, globs, field splitting on
// IFS, `VAR=x` alone and as a command prefix, `&&`, `||`, `;`, `|`, `!`, newlines, `\`
// continuation, comments, `if`/`elif`/`else`, `for`, `while`, `until`, `case`, `{ …; }`,
// `( … )`, `break`/`continue`, functions, heredocs (`<<`, `<<-`, quoted delimiters), redirections `>`, `>>`, `<`,
// `2>&1`, `>&2`, `/dev/null`. Builtins: `cd`, `pwd`, `exit`, `export`, `unset`, `set`
// (`-e -u -x`, `-o pipefail` only in bash/ash — dash rejects it as Debian's `/bin/sh` does),
// `echo` (dash's echo interprets backslashes and has no `-e`), `printf`, `test`/`[`, `read`,
// `eval`, `.`, `exec`, `shift`, `command`, `type`, `true`, `false`, `:`. `sed` handles
// `s/re/rep/[gIN]`, `/re/d` and `Nd` (with -i, -e, -E) on text files.
// `DashConformanceTests` holds 181 scripts whose expected output was recorded with the real
// dash 0.5.12 (the sed cases with GNU sed 4.9); the simulator matches them byte for byte.
// `BashConformanceTests` runs 160 of them against GNU bash 5.2's recorded output
// (`/bin/bash -c`), also byte for byte.
//
// Messages follow the image's shell: dash (`/bin/sh: 1: foo: not found`) on Debian/Ubuntu,
// busybox ash (`/bin/sh: foo: not found`) on Alpine, bash (`line 1: foo: command not found`)
// when bash is the program.
//
// Limits (never a crash or a hang): 256 KB of script, 20,000 commands per run, nesting depth 48
// in the parser, 64 function/eval levels, 12 levels of `$(…)`/`sh -c`, 2 MB of output per
// stream or file, 8 MB per expanded word, 256 MB of data moved per run; grep patterns over 512
// characters match literally.
// Background jobs (`&`) run in the foreground.
//
// ## Which programs exist
//
// A command that is not a builtin or function is looked up in `PATH` in the file tree, as a
// real shell does (symlinks followed, so merged-/usr images work). Base-image skeletons do not
// list every file, so some programs are **implied** by what the image is:
//
// - any image with `/bin/sh` has the base utilities (cat, cp, mv, rm, ln, ls, mkdir, touch,
//   chmod, chown, tar, grep, sort, head, sed, find, …);
// - Debian/Ubuntu (from `/etc/os-release`) have `apt-get`, `apt`, `dpkg`, `useradd`,
//   `groupadd`, `adduser`, `bash`; **not** `curl`, `wget`, `ps`, `git`, `gcc`;
// - Alpine has `apk`, busybox `adduser`/`addgroup`, `wget`, `ps`; **not** `useradd`, `bash`, `curl`;
// - an official python image (a `python3*` in /usr/local/bin) has `pip`, `pip3`, `python`;
// - the node image (`/usr/local/bin/node`) has `npm`, `npx`; the golang image
//   (`/usr/local/go/bin/go`) has `go`.
//
// Package installs write binaries to /usr/bin or /usr/local/bin, which then become runnable
// (`apt-get install -y curl && curl …` works; `curl` alone in python:3.13-slim is
// `/bin/sh: 1: curl: not found`, status 127).
//
// A program that is found but not simulated (e.g. `python app.py`, `sed -i …`) succeeds with no
// file changes and a note in `ShellOutcome.notes`, so the learner sees it was not simulated.
// A program not found fails with the shell's `not found` message and status 127. For exec form
// the process itself must exist: `exec: "foo": executable file not found in $PATH`, 127.
//
// ## Package managers, briefly
//
// - `apt-get update` writes the real index file names under /var/lib/apt/lists (≈21 MB for
//   bookworm, ≈36 MB for noble); `install` without lists fails with
//   `E: Unable to locate package X` (status 100); without `-y` it aborts at the prompt when extra
//   packages are needed; recommends are installed unless `--no-install-recommends`; the
//   docker-clean hook (if the image has /etc/apt/apt.conf.d/docker-clean) drops the .debs.
//   `rm -rf /var/lib/apt/lists/*` in the same RUN keeps the layer small.
// - `apk add` fetches indexes itself; `--no-cache` leaves nothing in /var/cache/apk.
// - `pip install` resolves dependencies breadth-first like pip, prints pip's lines, writes
//   site-packages, dist-info and console scripts, and the wheel cache in ~/.cache/pip unless
//   `--no-cache-dir`/`PIP_NO_CACHE_DIR`. Debian's/Alpine's system Python refuses with
//   `externally-managed-environment` (PEP 668). Non-root users fall back to `--user`.
// - `npm install`/`ci` read package.json (and need package-lock.json for `ci`).
//
// Unknown package names that are valid get generated, deterministic versions and sizes, with a
// note saying so. Durations are simulated from download and unpack sizes.
//
// `ls -l` shows dates as `Jan 15 09:00` (the fixed clock's start): the shell has no clock.
