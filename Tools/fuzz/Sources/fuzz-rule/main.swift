import FuzzDriver
import AssessmentKit

/// The rule language: lexer and parser on arbitrary text.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzDriver.bytes(data, size)
    _ = try? RuleParser.parse(String(decoding: bytes, as: UTF8.self))
    return 0
}

runFuzzer(testOneInput)
