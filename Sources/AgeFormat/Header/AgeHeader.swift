import SodiumKit

/// The text header of an age v1 file: the version line, one or more stanzas, and the MAC.
///
/// Parsing is strict (canonical unpadded base64, exact line structure), so a parsed header
/// re-encodes to exactly the bytes it was read from; the MAC is checked over those bytes.
public struct AgeHeader: Sendable, Equatable {
    public static let versionLine = "age-encryption.org/v1"
    /// Body bytes per full stanza line (64 base64 columns).
    static let bodyBytesPerLine = 48
    static let bodyColumnsPerLine = 64
    /// The longest header line accepted. Real stanza lines are under 100 bytes.
    static let lineLimit = 16 * 1024
    /// The largest header accepted, so a hostile file cannot make the reader buffer
    /// without bound (about 10,000 X25519 recipients).
    static let sizeLimit = 1024 * 1024

    public var stanzas: [AgeStanza]
    /// The 32-byte HMAC-SHA-256 on the closing `---` line.
    public var mac: [UInt8]

    public init(stanzas: [AgeStanza], mac: [UInt8]) {
        self.stanzas = stanzas
        self.mac = mac
    }

    /// Whether this is a passphrase-encrypted file (one `scrypt` stanza, which must be alone).
    public var isPassphraseEncrypted: Bool {
        stanzas.contains { $0.type == ScryptRecipient.stanzaType }
    }

    /// The bytes the MAC covers: from the version line up to and including `---`.
    public func encodedForMAC() -> [UInt8] {
        var out = Array(Self.versionLine.utf8)
        out.append(UInt8(ascii: "\n"))
        for stanza in stanzas { out += stanza.encoded() }
        out += Array("---".utf8)
        return out
    }

    /// The complete header, ending with the MAC line and its `\n`.
    public func encoded() -> [UInt8] {
        encodedForMAC() + Array(" \(Base64.encode(mac, variant: .unpadded))\n".utf8)
    }

    /// Parses a header from the start of `bytes` (for headers held in memory); returns it with
    /// the number of bytes it occupied.
    public static func parse(_ bytes: [UInt8]) throws -> (header: AgeHeader, length: Int) {
        let reader = BufferedReader(MemorySource(bytes))
        let parsed = try HeaderParser.parse(reader)
        return (parsed.header, parsed.macInput.count + 1 + 43 + 1)
    }
}

/// Reads a header line by line from a `BufferedReader`, leaving the reader at the first
/// payload byte.
enum HeaderParser {
    struct Parsed {
        var header: AgeHeader
        /// The raw header bytes up to and including `---`, which the MAC covers.
        var macInput: [UInt8]
    }

    static func parse(_ reader: BufferedReader) throws -> Parsed {
        var raw: [UInt8] = []
        func nextLine(_ what: String) throws -> [UInt8] {
            let remaining = AgeHeader.sizeLimit - raw.count
            switch try reader.readLine(limit: min(AgeHeader.lineLimit, max(remaining, 0))) {
            case .line(let line):
                raw += line
                raw.append(UInt8(ascii: "\n"))
                return line
            case .unterminated(let rest):
                if raw.isEmpty && rest.isEmpty { throw AgeError.badHeader("the file is empty") }
                throw AgeError.badHeader("the header ends before its \(what)")
            case .tooLong:
                if remaining <= AgeHeader.lineLimit {
                    throw AgeError.badHeader("the header is larger than \(AgeHeader.sizeLimit / 1024) KiB")
                }
                throw AgeError.badHeader("a header line is longer than \(AgeHeader.lineLimit) bytes")
            }
        }

        let intro = try nextLine("version line")
        guard intro == Array(AgeHeader.versionLine.utf8) else {
            if intro.starts(with: Array("age-encryption.org/".utf8)) {
                let version = String(decoding: intro.dropFirst("age-encryption.org/".count), as: UTF8.self)
                throw AgeError.badHeader("unsupported version \(quoted(version)) (only v1 is supported)")
            }
            throw AgeError.badHeader("this is not an age file (the first line is not \(AgeHeader.versionLine))")
        }

        var stanzas: [AgeStanza] = []
        var line = try nextLine("first stanza")
        while true {
            if line.starts(with: Array("---".utf8)) {
                let macLength = raw.count - line.count - 1 + 3
                let mac = try parseMACLine(line)
                guard !stanzas.isEmpty else { throw AgeError.badHeader("the header has no recipient stanzas") }
                let header = AgeHeader(stanzas: stanzas, mac: mac)
                try checkScryptIsAlone(header)
                return Parsed(header: header, macInput: Array(raw[..<macLength]))
            }
            guard line.starts(with: Array("-> ".utf8)) else {
                throw AgeError.badHeader("a stanza must start with \"-> \", found \(quoted(line))")
            }
            let fields = line.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.allSatisfy({ AgeStanza.isValidArgument($0) }) else {
                throw AgeError.badHeader("stanza arguments must be non-empty and printable ASCII: \(quoted(line))")
            }
            let type = String(decoding: fields[0], as: UTF8.self)
            let arguments = fields.dropFirst().map { String(decoding: $0, as: UTF8.self) }

            var body: [UInt8] = []
            while true {
                let bodyLine = try nextLine("stanza body ends")
                guard bodyLine.count <= AgeHeader.bodyColumnsPerLine else {
                    throw AgeError.badHeader("a \(type) stanza body line is longer than 64 columns")
                }
                let decoded: [UInt8]
                do {
                    decoded = try Base64.decode(bytes: bodyLine, variant: .unpadded)
                } catch {
                    if bodyLine.starts(with: Array("---".utf8)) || bodyLine.starts(with: Array("->".utf8)) {
                        throw AgeError.badHeader("the \(type) stanza ends without a short final body line")
                    }
                    throw AgeError.badHeader(
                        "a \(type) stanza body line is not canonical unpadded base64: \(quoted(bodyLine))")
                }
                body += decoded
                if decoded.count < AgeHeader.bodyBytesPerLine { break }
            }
            stanzas.append(AgeStanza(type: type, arguments: arguments, body: body))
            line = try nextLine("MAC line")
        }
    }

    /// `--- <43 base64 characters>`: exactly one space, canonical base64 of 32 bytes.
    private static func parseMACLine(_ line: [UInt8]) throws -> [UInt8] {
        let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].elementsEqual("---".utf8) else {
            throw AgeError.badHeader("malformed MAC line \(quoted(line)) (expected \"--- \" and 43 base64 characters)")
        }
        guard let mac = try? Base64.decode(bytes: Array(fields[1]), variant: .unpadded), mac.count == 32 else {
            throw AgeError.badHeader("the header MAC is not canonical base64 of 32 bytes: \(quoted(line))")
        }
        return mac
    }

    /// A passphrase stanza must be the only one: otherwise anyone holding another recipient's
    /// key could swap the file's contents under a passphrase the sender thinks is private.
    static func checkScryptIsAlone(_ header: AgeHeader) throws {
        if header.isPassphraseEncrypted && header.stanzas.count != 1 {
            throw AgeError.badHeader("an scrypt (passphrase) stanza must be the only stanza in the header")
        }
    }

    /// A line for an error message: printable ASCII kept, the rest escaped, long lines cut.
    static func quoted<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text = "\""
        for byte in bytes.prefix(80) {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 32...126: text.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "\r"): text += "\\r"
            case UInt8(ascii: "\t"): text += "\\t"
            default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        if bytes.count > 80 { text += "…" }
        return text + "\""
    }

    static func quoted(_ text: String) -> String { quoted(Array(text.utf8)) }
}
