import SodiumKit

/// The header MAC: HMAC-SHA-256 keyed with HKDF-SHA-256(file key, salt "", info "header"),
/// over the header from the version line up to and including `---`.
enum HeaderMAC {
    static func compute(fileKey: SecureBytes, header macInput: [UInt8]) throws -> [UInt8] {
        let key = try AgeError.sodium {
            try HKDFSHA256.derive(ikm: fileKey, salt: [UInt8](), info: Array("header".utf8), length: 32)
        }
        return HMACSHA256.authenticate(macInput, key: key)
    }

    /// Compares in constant time.
    static func isValid(_ mac: [UInt8], fileKey: SecureBytes, header macInput: [UInt8]) throws -> Bool {
        let expected = try compute(fileKey: fileKey, header: macInput)
        return ConstantTime.equals(expected, mac)
    }
}
