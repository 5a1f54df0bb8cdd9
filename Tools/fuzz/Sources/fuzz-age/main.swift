import FuzzDriver
import AgeFormat

/// The CCTV vectors' identity, so that seeds from /work/shared/vectors/cctv-age get past the
/// recipient stanza into the header MAC and the payload.
enum Key {
    static let identity = try? AgeKeyParser.identity(
        Array("AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0".utf8))
}

/// age: the header parser, armor detection and decoding, the X25519 stanza, the payload
/// stream, and the key-file parser, on arbitrary bytes. Errors are expected; crashes,
/// hangs and leaks are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzDriver.bytes(data, size)
    _ = try? AgeHeader.parse(bytes)
    if let identity = Key.identity {
        _ = try? AgeDecryptor.decrypt(bytes, identities: [identity])
    }
    _ = try? KeyFile.identities(in: bytes, name: "fuzz")
    _ = try? KeyFile.recipients(in: bytes, name: "fuzz")
    return 0
}

runFuzzer(testOneInput)
