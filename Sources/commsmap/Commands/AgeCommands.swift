import ArgumentParser

/// age v1 encryption: `encrypt`, `decrypt`.
let ageCommands: [ParsableCommand.Type] = [CommsMap.Encrypt.self, CommsMap.Decrypt.self]
