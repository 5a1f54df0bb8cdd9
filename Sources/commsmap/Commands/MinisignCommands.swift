import ArgumentParser

/// minisign signatures: `sign`, `verify`.
let minisignCommands: [ParsableCommand.Type] = [CommsMap.Sign.self, CommsMap.Verify.self]
