import ArgumentParser

/// Exercises: rosters, messages, receipts, reports, journals.
let exerciseCommands: [ParsableCommand.Type] = [CommsMap.Exercise.self]
