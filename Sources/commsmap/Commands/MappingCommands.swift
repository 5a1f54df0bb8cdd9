import ArgumentParser

/// The mapping half: inventory, assessment, coverage, reports.
let mappingCommands: [ParsableCommand.Type] = [CommsMap.Assess.self]
