/// Bech32 (BIP173, checksum constant 1) as age uses it: no length limit, all-lowercase or
/// all-uppercase, checksum computed over the lowercase form, and the human-readable part
/// returned in the case it was written in (so callers can insist on `age` or
/// `AGE-SECRET-KEY-`).
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, character) in charset.enumerated() { table[Int(character)] = Int8(value) }
        return table
    }()

    /// Why a string is not valid Bech32.
    enum Failure: Error, Equatable {
        case mixedCase
        case noSeparator
        case invalidCharacter
        case badChecksum
        case badPadding
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 { checksum ^= generator[bit] }
        }
        return checksum
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (65...90).contains($0) ? $0 + 32 : $0 }
    }

    /// Regroups bits; with `pad` false, leftover bits must be fewer than `from` and zero.
    private static func convert(_ data: [UInt8], from: Int, to: Int, pad: Bool) throws(Failure) -> [UInt8] {
        var accumulator = 0
        var bits = 0
        var out: [UInt8] = []
        out.reserveCapacity(data.count * from / to + 1)
        let mask = (1 << to) - 1
        for value in data {
            accumulator = (accumulator << from | Int(value)) & 0xffff
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            throw .badPadding
        }
        return out
    }

    /// Encodes `data` under `hrp`; the result is uppercase when `hrp` is.
    static func encode(hrp: String, data: [UInt8]) -> String {
        // Padding is allowed when encoding, so this cannot fail.
        encode(hrp: hrp, values: (try? convert(data, from: 8, to: 5, pad: true)) ?? [])
    }

    /// Encodes 5-bit values as they are (tests use it to build malformed keys).
    static func encode(hrp: String, values: [UInt8]) -> String {
        let upper = hrp.uppercased() == hrp && hrp.lowercased() != hrp
        let lowerHRP = lowercased(Array(hrp.utf8))
        let check = polymod(expand(lowerHRP) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        var out = lowerHRP + [UInt8(ascii: "1")] + values.map { charset[Int($0)] }
        for index in 0..<6 { out.append(charset[Int((check >> (5 * (5 - UInt32(index)))) & 31)]) }
        let text = String(decoding: out, as: UTF8.self)
        return upper ? text.uppercased() : text
    }

    /// Decodes a Bech32 string given as bytes (so secret keys need not become a `String`).
    static func decode(_ text: [UInt8]) throws(Failure) -> (hrp: [UInt8], data: [UInt8]) {
        let hasLower = text.contains { (97...122).contains($0) }
        let hasUpper = text.contains { (65...90).contains($0) }
        guard !(hasLower && hasUpper) else { throw .mixedCase }
        guard let separator = text.lastIndex(of: UInt8(ascii: "1")), separator >= 1,
            separator + 7 <= text.count
        else { throw .noSeparator }
        let hrp = Array(text[..<separator])
        guard hrp.allSatisfy({ (33...126).contains($0) }) else { throw .invalidCharacter }
        var values: [UInt8] = []
        values.reserveCapacity(text.count - separator - 1)
        for character in lowercased(Array(text[(separator + 1)...])) {
            guard character < 128, reverse[Int(character)] >= 0 else { throw .invalidCharacter }
            values.append(UInt8(reverse[Int(character)]))
        }
        guard polymod(expand(lowercased(hrp)) + values) == 1 else { throw .badChecksum }
        let data = try convert(Array(values.dropLast(6)), from: 5, to: 8, pad: false)
        for index in values.indices { values[index] = 0 }
        return (hrp, data)
    }
}
