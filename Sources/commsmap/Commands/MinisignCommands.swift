import ArgumentParser

/// minisign signatures: `sign`, `verify`.
let minisignCommands: [ParsableCommand.Type] = []
