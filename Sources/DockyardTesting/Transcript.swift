import REPL

/// Test helpers shared by the test targets (transcript replay and the like).
public enum DockyardTestingModule {}
