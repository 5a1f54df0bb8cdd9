import ArgumentParser

/// The mapping half: inventory, assessment, coverage, reports.
let mappingCommands: [ParsableCommand.Type] = [
    CommsMap.Validate.self,
    CommsMap.InventoryCommand.self,
    CommsMap.Schema.self,
    CommsMap.Assess.self,
    CommsMap.Coverage.self,
    CommsMap.Diff.self,
    CommsMap.Report.self,
]
