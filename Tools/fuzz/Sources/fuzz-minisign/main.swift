import FuzzDriver
import MinisignFormat

/// minisign: the public key, secret key and signature file parsers, and the base64 key
/// form, on arbitrary bytes. Parsing a secret key decrypts nothing, so no KDF runs.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzDriver.bytes(data, size)
    _ = try? MinisignPublicKey(fileContents: bytes)
    _ = try? MinisignSecretKey(fileContents: bytes)
    _ = try? MinisignSignature(fileContents: bytes)
    _ = try? MinisignPublicKey(base64: String(decoding: bytes, as: UTF8.self))
    return 0
}

runFuzzer(testOneInput)
