import Foundation

/// `commsmap-synth --tools N --networks N --criteria N [--policies N] [--exercises N]
/// --seed S -o DIR`: writes DIR/Inventory and DIR/Policies, deterministic from the seed.
let usage = """
    usage: commsmap-synth [--tools N] [--networks N] [--criteria N] [--policies N] [--exercises N] [--seed S] -o DIR

    Writes a synthetic inventory (DIR/Inventory) and policies (DIR/Policies), the same for the same
    arguments. Defaults: 100 tools, 5 networks, 20 criteria over 4 policies, 3 exercises, seed 1.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("commsmap-synth: error: \(message)\n\(usage)\n".utf8))
    exit(64)
}

var options = SynthOptions()
var outputGiven = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func number() -> Int {
        guard let text = arguments.popFirst(), let value = Int(text), value >= 0 else {
            fail("\(argument) needs a whole number")
        }
        return value
    }
    switch argument {
    case "--tools": options.tools = number()
    case "--networks": options.networks = number()
    case "--criteria": options.criteria = number()
    case "--policies": options.policies = max(1, number())
    case "--exercises": options.exercises = number()
    case "--seed": options.seed = UInt64(number())
    case "-o", "--output":
        guard let path = arguments.popFirst() else { fail("-o needs a directory") }
        options.output = path
        outputGiven = true
    case "-h", "--help":
        print(usage)
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}
guard outputGiven else { fail("give the output directory with -o DIR") }

var generator = SyntheticData(options: options)
let manager = FileManager.default
let base = URL(fileURLWithPath: options.output)
for folder in ["Inventory/tools", "Inventory/networks", "Inventory/evidence", "Policies"] {
    let url = base.appendingPathComponent(folder)
    // Stale files from a bigger earlier run would change the data set.
    try? manager.removeItem(at: url)
    do {
        try manager.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
        FileHandle.standardError.write(Data("commsmap-synth: error: cannot create \(url.path): \(error)\n".utf8))
        exit(2)
    }
}
var count = 0
for (path, text) in generator.files() {
    do {
        try Data(text.utf8).write(to: base.appendingPathComponent(path))
        count += 1
    } catch {
        FileHandle.standardError.write(Data("commsmap-synth: error: cannot write \(path): \(error)\n".utf8))
        exit(2)
    }
}
FileHandle.standardError.write(Data("commsmap-synth: wrote \(count) files to \(options.output)\n".utf8))
