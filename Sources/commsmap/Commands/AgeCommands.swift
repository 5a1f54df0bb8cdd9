import ArgumentParser

/// age v1 encryption: `encrypt`, `decrypt`.
let ageCommands: [ParsableCommand.Type] = []
