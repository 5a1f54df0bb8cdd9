internal import CSodium

/// Strict base64 (RFC 4648 §4) through libsodium's constant-time codec.
///
/// Decoding rejects anything non-canonical: wrong padding, non-zero trailing bits,
/// whitespace or line breaks.
public enum Base64 {
    public enum Variant: Sendable {
        /// With `=` padding (age armor, minisign files).
        case padded
        /// Without padding (age headers).
        case unpadded

        var code: Int32 {
            switch self {
            case .padded: return sodium_base64_VARIANT_ORIGINAL
            case .unpadded: return sodium_base64_VARIANT_ORIGINAL_NO_PADDING
            }
        }
    }

    public static func encode(_ bytes: some ByteView, variant: Variant = .padded) -> String {
        Sodium.ensureInitialized()
        return bytes.withUnsafeBytes { b in
            let length = sodium_base64_encoded_len(b.count, variant.code)
            var text = [CChar](repeating: 0, count: length)
            text.withUnsafeMutableBufferPointer { t in
                _ = sodium_bin2base64(t.baseAddress!, length, b.cBytes, b.count, variant.code)
            }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Decodes canonical base64, or throws `invalidBase64`.
    public static func decode(_ text: some StringProtocol, variant: Variant = .padded) throws -> [UInt8] {
        try decode(bytes: Array(text.utf8), variant: variant)
    }

    public static func decode(bytes: [UInt8], variant: Variant = .padded) throws -> [UInt8] {
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: bytes.count / 4 * 3 + 3)
        var written = 0
        var end: UnsafePointer<CChar>? = nil
        let status = bytes.withUnsafeBytes { b in
            output.withUnsafeMutableBytes { o in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(b.count, 1)) { text in
                    sodium_base642bin(o.cMutableBytes, o.count, text, b.count, nil, &written, &end, variant.code)
                }
            }
        }
        guard !bytes.isEmpty else { return [] }
        // With `end` given, libsodium stops at the first invalid character instead of failing,
        // so also require that it consumed everything.
        let consumed = bytes.withUnsafeBytes { b -> Int in
            guard let end, let base = b.baseAddress else { return -1 }
            return UnsafeRawPointer(end) - base
        }
        guard status == 0, consumed == bytes.count else { throw SodiumError.invalidBase64 }
        output.removeSubrange(written...)
        return output
    }
}
