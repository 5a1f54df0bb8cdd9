import FuzzDriver
import AssessmentKit
import Foundation

/// The policy loader from bytes: YAML, the policy keys, and every rule inside.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    _ = PolicyLoader.parse(bytes, file: "fuzz.yaml")
    return 0
}

runFuzzer(testOneInput)
