import CommsMapTestSupport
import Foundation
import MinisignFormat
import Testing

/// minisign's line rules on `.minisig` files: trimming, limits, truncation, algorithms.
@Suite struct SignatureFileParsingTests {
    static func vectorText() throws -> String {
        try String(contentsOf: TestPaths.vectors("minisign/test.prehashed.minisig"), encoding: .utf8)
    }

    static func lines() throws -> [String] {
        try vectorText().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func parse(_ text: String) throws -> MinisignSignature {
        try MinisignSignature(fileContents: Array(text.utf8))
    }

    enum Outcome: Equatable {
        case parsed
        case malformed(line: Int?)
        case otherError
    }

    static func outcome(_ text: String) -> Outcome {
        do {
            _ = try parse(text)
            return .parsed
        } catch let error as MinisignError {
            guard case .malformedSignature(let line, _) = error else { return .otherError }
            return .malformed(line: line)
        } catch {
            return .otherError
        }
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let crlf = try Self.lines().map { $0 + "\r\n" }.joined()
        #expect(try Self.parse(crlf) == (try Self.parse(Self.vectorText())))
    }

    @Test func missingFinalNewlineIsAccepted() throws {
        let text = try Self.vectorText()
        #expect(try Self.parse(String(text.dropLast())) == (try Self.parse(text)))
    }

    @Test(arguments: [0, 1, 2, 3])
    func carriageReturnInsideALineIsRejected(line: Int) throws {
        var lines = try Self.lines()
        lines[line].insert("\r", at: lines[line].index(lines[line].startIndex, offsetBy: 5))
        let text = lines.joined(separator: "\n") + "\n"
        #expect(Self.outcome(text) == .malformed(line: line + 1))
        do {
            _ = try Self.parse(text)
        } catch let error as MinisignError {
            #expect(error.description.contains("carriage return"))
        }
    }

    @Test func nulInTheTrustedCommentIsRejected() throws {
        var lines = try Self.lines()
        lines[2] += "\u{0}more"
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 3))
    }

    @Test func truncatedFilesSayWhichLineIsMissing() throws {
        let text = try Self.vectorText()
        let lines = try Self.lines()
        #expect(Self.outcome("") == .malformed(line: nil))
        #expect(Self.outcome(lines[0] + "\n") == .malformed(line: 2))
        #expect(Self.outcome(lines[0...1].joined(separator: "\n") + "\n") == .malformed(line: 3))
        #expect(Self.outcome(lines[0...2].joined(separator: "\n") + "\n") == .malformed(line: 4))
        // Cut in the middle of a base64 line.
        let cut = text.index(text.startIndex, offsetBy: lines[0].count + 1 + 50)
        #expect(Self.outcome(String(text[..<cut])) == .malformed(line: 2))
        let cutGlobal = text.index(text.endIndex, offsetBy: -10)
        #expect(Self.outcome(String(text[..<cutGlobal])) == .malformed(line: 4))
    }

    @Test func everyPrefixOfTheFileIsRejected() throws {
        let bytes = Array(try Self.vectorText().utf8)
        // Every cut short of the global signature's last character fails to parse.
        for length in 0..<(bytes.count - 1) {
            #expect(throws: MinisignError.self) { try MinisignSignature(fileContents: Array(bytes[..<length])) }
        }
    }

    @Test func wrongPrefixesAreRejected() throws {
        var lines = try Self.lines()
        lines[0] = "untrusted comment signature"
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 1))
        lines = try Self.lines()
        lines[2] = lines[2].replacingOccurrences(of: "trusted comment: ", with: "trusted-comment: ")
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 3))
    }

    @Test func commentLineLimitsAreMinisigns() throws {
        var lines = try Self.lines()
        // minisign's fgets buffers: 1024 bytes for the untrusted comment line, 8192 for the
        // trusted one, each holding the line, its \n and a NUL.
        lines[0] = "untrusted comment: " + String(repeating: "a", count: 1022 - 19)
        #expect(Self.outcome(lines.joined(separator: "\n")) == .parsed)
        lines[0] += "a"
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 1))

        lines = try Self.lines()
        lines[2] = "trusted comment: " + String(repeating: "b", count: 8190 - 17)
        // The comment is parsed (its global signature no longer matches, which is the
        // verifier's business), one byte more is not.
        #expect(Self.outcome(lines.joined(separator: "\n")) == .parsed)
        lines[2] += "b"
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 3))
    }

    @Test func unknownAlgorithmIsUnsupported() throws {
        var lines = try Self.lines()
        // "RUQ" is base64 of "ED"; "RVg" of "EX".
        lines[1] = "RVg" + lines[1].dropFirst(3)
        #expect(throws: MinisignError.unsupportedAlgorithm("signature algorithm \"EX\"")) {
            try Self.parse(lines.joined(separator: "\n"))
        }
    }

    @Test func nonCanonicalOrWrongLengthBase64IsRejected() throws {
        var lines = try Self.lines()
        lines[3] = String(lines[3].dropLast(2)) + "A="  // non-zero trailing bits or wrong length
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 4))
        lines = try Self.lines()
        lines[3] = String(lines[3].dropLast(4))
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 4))
        lines = try Self.lines()
        lines[1] = " " + lines[1]
        #expect(Self.outcome(lines.joined(separator: "\n")) == .malformed(line: 2))
    }

    @Test func trailingDataIsRejectedButTrailingEmptyLinesAreNot() throws {
        let text = try Self.vectorText()
        #expect(Self.outcome(text + "\n\n") == .parsed)
        #expect(Self.outcome(text + "extra\n") == .malformed(line: 5))
    }

    @Test func defaultTrustedCommentIsMinisigns() {
        #expect(
            MinisignSignature.defaultTrustedComment(timestamp: 1_700_000_000, filePath: "/tmp/dir/report.pdf")
                == "timestamp:1700000000\tfile:report.pdf\thashed")
        #expect(
            MinisignSignature.defaultTrustedComment(timestamp: 0, filePath: "plain")
                == "timestamp:0\tfile:plain\thashed")
    }
}
