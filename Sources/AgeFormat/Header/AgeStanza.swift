import SodiumKit

/// One recipient stanza of an age header: `-> TYPE ARG…` and a base64 body.
///
/// Implementations ignore stanza types they do not recognise, which is what lets a file
/// carry recipients of several kinds (and the "grease" stanzas that age adds).
public struct AgeStanza: Sendable, Equatable {
    /// The first argument, e.g. `X25519` or `scrypt` (case-sensitive).
    public var type: String
    /// The remaining arguments, each made of bytes 33–126.
    public var arguments: [String]
    /// The decoded body.
    public var body: [UInt8]

    public init(type: String, arguments: [String], body: [UInt8]) {
        self.type = type
        self.arguments = arguments
        self.body = body
    }

    /// Whether `text` is a valid argument: non-empty, only bytes 33–126 (VCHAR).
    static func isValidArgument<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        !text.isEmpty && text.allSatisfy { (33...126).contains($0) }
    }

    /// The stanza as it appears in a header: arguments line, then the body wrapped at 64
    /// columns and always closed by a line shorter than 64 (possibly empty).
    func encoded() -> [UInt8] {
        var out = Array("-> ".utf8)
        out += Array(([type] + arguments).joined(separator: " ").utf8)
        out.append(UInt8(ascii: "\n"))
        var offset = 0
        while true {
            let take = min(AgeHeader.bodyBytesPerLine, body.count - offset)
            out += Array(Base64.encode(body[offset..<(offset + take)], variant: .unpadded).utf8)
            out.append(UInt8(ascii: "\n"))
            offset += take
            if take < AgeHeader.bodyBytesPerLine { return out }
        }
    }
}
