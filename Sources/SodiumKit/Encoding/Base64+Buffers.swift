internal import CSodium

extension Base64 {
    /// The characters `encode(_:variant:into:)` writes for `count` bytes, plus one for the
    /// terminating NUL libsodium adds.
    public static func encodedCapacity(_ count: Int, variant: Variant) -> Int {
        sodium_base64_encoded_len(count, variant.code)
    }

    /// Encodes into caller-owned memory (for streams that reuse one buffer, such as age's
    /// armor) and returns the number of characters written, without the NUL.
    public static func encode(
        _ bytes: UnsafeRawBufferPointer, variant: Variant, into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        Sodium.ensureInitialized()
        let needed = encodedCapacity(bytes.count, variant: variant)
        guard output.count >= needed else {
            throw SodiumError.invalidLength(
                what: "base64 output buffer", expected: "at least \(needed)", actual: output.count)
        }
        _ = output.baseAddress!.withMemoryRebound(to: CChar.self, capacity: output.count) { text in
            sodium_bin2base64(text, output.count, bytes.cBytes, bytes.count, variant.code)
        }
        return needed - 1
    }

    /// Decodes canonical base64 into caller-owned memory and returns the bytes written, or
    /// throws `invalidBase64`. `output` must hold at least `text.count / 4 * 3 + 2` bytes.
    public static func decode(
        _ text: UnsafeRawBufferPointer, variant: Variant, into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        Sodium.ensureInitialized()
        guard !text.isEmpty else { return 0 }
        var written = 0
        // No `ignore` set and no end pointer: libsodium then fails on any character it does
        // not consume, including whitespace, line breaks and misplaced padding.
        let status = text.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) { chars in
            sodium_base642bin(output.cMutableBytes, output.count, chars, text.count, nil, &written, nil, variant.code)
        }
        guard status == 0 else { throw SodiumError.invalidBase64 }
        return written
    }
}
