import FuzzDriver
import Foundation
import InventoryKit

/// The located YAML loader and the inventory decoder from bytes. The first byte picks which
/// file of an inventory the rest is, so one corpus covers every kind of file.
enum Kinds {
    static let all = ["inventory.yaml", "sources.yaml", "networks/fuzz.yaml", "tools/fuzz.yaml", "evidence/fuzz.yaml"]
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let kind = Kinds.all[Int(data[0]) % Kinds.all.count]
    let file = InventoryFile(relativePath: kind, contents: .bytes(Data(bytes: data + 1, count: size - 1)))
    _ = InventoryLoader.load(files: [file])
    return 0
}

runFuzzer(testOneInput)
