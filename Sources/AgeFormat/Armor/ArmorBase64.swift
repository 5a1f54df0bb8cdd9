/// Padded base64 for the bytes inside the armor, with table lookups.
///
/// The armor carries ciphertext, which is public, so it does not need libsodium's
/// constant-time codec, which made armored encryption and decryption several times slower
/// than age (BENCHMARKS.md, encrypt-armor and decrypt-armor). Keys and every other secret
/// keep the constant-time `Base64` of SodiumKit. Decoding accepts exactly what libsodium's
/// strict decoder accepts: the alphabet, the right number of `=` and zero unused bits.
enum ArmorBase64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each character, or 0xFF for anything outside the alphabet (`=` included).
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The characters `encode` writes for `count` bytes.
    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the padded base64 of `bytes` to `output`, which must hold
    /// `encodedCount(bytes.count)` bytes, and returns that count.
    static func encode(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) -> Int {
        let count = bytes.count
        guard count > 0, let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let out = output.assumingMemoryBound(to: UInt8.self)
        return alphabet.withUnsafeBufferPointer { table in
            let symbol = table.baseAddress!
            var i = 0
            var o = 0
            while i + 3 <= count {
                let group = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                out[o] = symbol[Int(group >> 18)]
                out[o + 1] = symbol[Int(group >> 12 & 63)]
                out[o + 2] = symbol[Int(group >> 6 & 63)]
                out[o + 3] = symbol[Int(group & 63)]
                i += 3
                o += 4
            }
            let rest = count - i
            if rest > 0 {
                let group = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                out[o] = symbol[Int(group >> 18)]
                out[o + 1] = symbol[Int(group >> 12 & 63)]
                out[o + 2] = rest == 2 ? symbol[Int(group >> 6 & 63)] : UInt8(ascii: "=")
                out[o + 3] = UInt8(ascii: "=")
                o += 4
            }
            return o
        }
    }

    /// Decodes canonical padded base64 into `output` (at least `text.count / 4 * 3` bytes)
    /// and returns the bytes written, or nil if `text` is not canonical padded base64.
    static func decode(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) -> Int? {
        guard let start = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var length = text.count
        var padding = 0
        while length > 0, start[length - 1] == UInt8(ascii: "=") {
            length -= 1
            padding += 1
        }
        switch (length % 4, padding) {
        case (0, 0), (2, 2), (3, 1): break
        default: return nil
        }
        let out = output.assumingMemoryBound(to: UInt8.self)
        return values.withUnsafeBufferPointer { table -> Int? in
            let value = table.baseAddress!
            var invalid: UInt8 = 0
            var i = 0
            var o = 0
            while i + 4 <= length {
                let a = value[Int(start[i])]
                let b = value[Int(start[i + 1])]
                let c = value[Int(start[i + 2])]
                let d = value[Int(start[i + 3])]
                invalid |= a | b | c | d
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out[o] = UInt8(truncatingIfNeeded: group >> 16)
                out[o + 1] = UInt8(truncatingIfNeeded: group >> 8)
                out[o + 2] = UInt8(truncatingIfNeeded: group)
                i += 4
                o += 3
            }
            switch length - i {
            case 2:
                let a = value[Int(start[i])]
                let b = value[Int(start[i + 1])]
                invalid |= a | b
                guard b & 0x0F == 0 else { return nil }
                out[o] = a << 2 | b >> 4
                o += 1
            case 3:
                let a = value[Int(start[i])]
                let b = value[Int(start[i + 1])]
                let c = value[Int(start[i + 2])]
                invalid |= a | b | c
                guard c & 0x03 == 0 else { return nil }
                out[o] = a << 2 | b >> 4
                out[o + 1] = (b & 0x0F) << 4 | c >> 2
                o += 2
            default: break
            }
            // Every valid value is below 64; 0xFF marks a character outside the alphabet.
            return invalid & 0x80 == 0 ? o : nil
        }
    }
}
