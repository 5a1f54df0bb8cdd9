import ArgumentParser

/// The crypto half: team keys, age encryption, minisign signatures.
let cryptoCommands: [ParsableCommand.Type] = keyCommands + ageCommands + minisignCommands

/// Team identities: `keygen`.
let keyCommands: [ParsableCommand.Type] = [CommsMap.Keygen.self]
