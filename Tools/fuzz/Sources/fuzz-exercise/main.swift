import FuzzDriver
import ExerciseKit

/// The exercise formats: team cards, signed texts and roster bodies, message and receipt
/// bodies, the signed envelope inside a message, and journals, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzDriver.bytes(data, size)
    _ = try? TeamCard(fileContents: bytes)
    if let text = try? SignedText(parsing: bytes) {
        _ = try? Roster(body: text.body)
    }
    _ = try? Roster(body: bytes)
    _ = try? ExerciseMessage(signedBytes: bytes)
    _ = try? Receipt(signedBytes: bytes)
    _ = try? SignedEnvelope(parsing: bytes)
    _ = JournalVerifier.verify(bytes)
    return 0
}

runFuzzer(testOneInput)
