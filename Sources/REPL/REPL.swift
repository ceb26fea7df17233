import Dockerfile
import Engine
import DockerCLI
import Lessons
import CLineEdit

/// The session loop and workspace. (Filled in by the REPL work.)
public enum REPLModule {}
