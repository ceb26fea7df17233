/*
 # REPL

 Owns the session loop and everything a learner types that is not Docker itself.

 - `Session`: all state as one value (workspace `FileTree`, cwd, clock, history), so undo is
   keeping an earlier copy.
 - `Input/`: physical lines to complete entries (`InputAssembler`: continuations, heredocs,
   pasted Dockerfile blocks), byte-level checks (`InputLine`), POSIX-style word splitting
   (`ShellWords`), and `InputDriver`, which script mode, the interactive loop and the
   transcript tests share.
 - `Dispatch/`: `Shell` runs an entry through a chain of `CommandHandler`s (built-ins, then
   `docker`, then the workspace); Dockerfile lines go to a `DockerfileSnippetHandler`, docker
   lines to a `DockerCommandHandler`. Later work plugs in there (and inserts lesson handlers
   into `Shell.handlers`).
 - `Workspace/`: the shell-like workspace commands.
 - `Terminal/`: the only code that does I/O: line readers (libedit through `CLineEdit`,
   plain, scripted), completion, the editor for `edit`, the state directory, and `REPLApp`
   (the two front ends).

 Must not: print from handlers (they return a `CommandResult`), touch the real disk outside
 the state directory, or crash on any input.
 */

/// The session loop and workspace (see the comment above for the module's layout).
public enum REPLModule {}
