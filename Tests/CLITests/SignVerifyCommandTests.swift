import CommsMapTestSupport
import Foundation
import MinisignFormat
import SodiumKit
import Testing

/// `commsmap sign` and `commsmap verify` end to end: exit codes, stdout, stderr, files.
@Suite struct SignVerifyCommandTests {
    static let passphrase = "cli test passphrase"

    let directory: TemporaryDirectory
    let publicKey: MinisignPublicKey

    init() throws {
        directory = try TemporaryDirectory(prefix: "sign-verify")
        publicKey = try MinisignKeyFiles.generate(
            secretKeyPath: directory.path("key").path, publicKeyPath: directory.path("key.pub").path,
            passphrase: SecureBytes(copying: Array(Self.passphrase.utf8)), limits: .minimum)
        try directory.write("pass", Self.passphrase + "\n")
        try directory.write("wrong-pass", "not the passphrase\n")
        try directory.write("report.txt", "exercise report\n")
    }

    func path(_ name: String) -> String { directory.path(name).path }

    func commsmap(_ arguments: [String], stdin: Data = Data()) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments, stdin: stdin, currentDirectory: directory.url)
    }

    func sign(_ extra: [String] = [], file: String = "report.txt") throws -> ProcessResult {
        try commsmap(["sign", "-s", path("key"), "--passphrase-file", path("pass")] + extra + [path(file)])
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Rewrites one line (0-based) of a signature file.
    func editLine(_ index: Int, of name: String, _ edit: (inout String) -> Void) throws {
        var lines = try String(contentsOf: directory.path(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        edit(&lines[index])
        try directory.write(name, lines.joined(separator: "\n"))
    }

    @Test func signThenVerify() throws {
        let signed = try sign()
        #expect(signed.status == 0, "\(signed.stderrText)")
        #expect(signed.stdout.isEmpty)
        #expect(exists("report.txt.minisig"))
        let verified = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(verified.status == 0, "\(verified.stderrText)")
        let lines = verified.stdoutText.split(separator: "\n")
        #expect(lines.first == "Signature and comment signature verified")
        #expect(lines.last?.hasPrefix("Trusted comment: timestamp:") == true)
        #expect(lines.last?.hasSuffix("\tfile:report.txt\thashed") == true)
        #expect(verified.stderr.isEmpty)
    }

    @Test func customCommentsAndQuietModes() throws {
        #expect(try sign(["-t", "exercise 7 message 3", "-c", "from team a", "-x", path("r.sig")]).status == 0)
        let signature = try MinisignSignature(fileContents: [UInt8](Data(contentsOf: directory.path("r.sig"))))
        #expect(signature.trustedCommentText == "exercise 7 message 3")
        #expect(signature.untrustedComment == Array("from team a".utf8))
        let onlyComment = try commsmap([
            "verify", "-Q", "-P", publicKey.base64, "-x", path("r.sig"), path("report.txt"),
        ])
        #expect(onlyComment.status == 0)
        #expect(onlyComment.stdoutText == "exercise 7 message 3\n")
        let quiet = try commsmap(["verify", "-q", "-P", publicKey.base64, "-x", path("r.sig"), path("report.txt")])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
    }

    @Test func modifiedFileIsABadSignature() throws {
        #expect(try sign().status == 0)
        try directory.write("report.txt", "exercise report\n.")
        let result = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("error: bad signature"))
    }

    @Test func modifiedTrustedCommentIsABadGlobalSignature() throws {
        #expect(try sign().status == 0)
        try editLine(2, of: "report.txt.minisig") {
            $0 = $0.replacingOccurrences(of: "timestamp:", with: "timestamp:1")
        }
        let result = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("bad global signature: the trusted comment was modified"))
    }

    @Test func signatureByAnotherKeyIsAKeyIDMismatch() throws {
        let other = try MinisignKeyFiles.generate(
            secretKeyPath: path("other"), publicKeyPath: path("other.pub"), passphrase: nil)
        #expect(try commsmap(["sign", "-s", path("other"), path("report.txt")]).status == 0)
        let result = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("key id mismatch"))
        #expect(result.stderrText.contains(other.keyID.description))
        #expect(result.stderrText.contains(publicKey.keyID.description))
    }

    @Test func truncatedSignatureCannotBeChecked() throws {
        #expect(try sign().status == 0)
        let full = try Data(contentsOf: directory.path("report.txt.minisig"))
        try directory.write("report.txt.minisig", full.prefix(full.count - 30))
        let result = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("\(path("report.txt.minisig")):4: error: malformed minisign signature"))
        #expect(result.stderrText.contains("[minisign.malformed-signature]"))
    }

    @Test func carriageReturnInsideALineIsRejected() throws {
        #expect(try sign().status == 0)
        try editLine(2, of: "report.txt.minisig") { $0 = $0.replacingOccurrences(of: "\t", with: "\r") }
        let result = try commsmap(["verify", "-p", path("key.pub"), path("report.txt")])
        #expect(result.status == 2)
        #expect(
            result.stderrText.contains(
                ":3: error: malformed minisign signature: a carriage return in the middle of the line"))
    }

    @Test func legacySignatureRefusedWithH() throws {
        let vectors = TestPaths.vectors("minisign")
        let arguments = [
            "verify", "-p", vectors.appendingPathComponent("test.pub").path, "-x",
            vectors.appendingPathComponent("test.legacy.minisig").path, vectors.appendingPathComponent("test.txt").path,
        ]
        #expect(try commsmap(arguments).status == 0)
        let refused = try commsmap(arguments + ["-H"])
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("legacy (not prehashed) signature refused"))
    }

    @Test func wrongPassphraseLeavesNoSignatureBehind() throws {
        // An old signature stays as it was; a new one is not created.
        try directory.write("old.minisig", "old\n")
        for target in ["old.minisig", "new.minisig"] {
            let result = try commsmap([
                "sign", "-s", path("key"), "--passphrase-file", path("wrong-pass"), "-x", path(target),
                path("report.txt"),
            ])
            #expect(result.status == 2)
            #expect(result.stderrText.contains("wrong passphrase"))
        }
        #expect(try String(contentsOf: directory.path("old.minisig"), encoding: .utf8) == "old\n")
        #expect(!exists("new.minisig"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func unreadableFileLeavesNoSignatureBehind() throws {
        let result = try sign(file: "missing.txt")
        #expect(result.status == 2)
        #expect(result.stderrText.contains("cannot read \(path("missing.txt"))"))
        #expect(!exists("missing.txt.minisig"))
    }

    @Test func groupReadableSecretKeyIsRefused() throws {
        chmod(path("key"), 0o640)
        let result = try sign()
        #expect(result.status == 2)
        #expect(result.stderrText.contains("readable by group or others"))
        #expect(result.stderrText.contains("hint: chmod 600"))
        #expect(!exists("report.txt.minisig"))
    }

    @Test func malformedKeysCannotBeUsed() throws {
        try directory.write("bad.pub", "untrusted comment: x\nnot base64\n")
        #expect(try sign().status == 0)
        let badFile = try commsmap(["verify", "-p", path("bad.pub"), path("report.txt")])
        #expect(badFile.status == 2)
        #expect(badFile.stderrText.contains("\(path("bad.pub")):2: error: malformed minisign public key"))
        let badString = try commsmap(["verify", "-P", "RWQnotakey", path("report.txt")])
        #expect(badString.status == 2)
        #expect(badString.stderrText.contains("malformed minisign public key"))
        let publicAsSecret = try commsmap(["sign", "-s", path("key.pub"), path("report.txt")])
        // key.pub is 0644, so it is refused before it is parsed.
        #expect(publicAsSecret.status == 2)
    }

    @Test(arguments: [
        ["verify", "report.txt"],
        ["verify", "-p", "a.pub", "-P", "RWQ", "report.txt"],
        ["verify", "-p", "a.pub", "-q", "-Q", "report.txt"],
        ["verify", "-p", "a.pub", "-"],
        ["sign", "report.txt"],
        ["sign", "-s", "key", "-"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try commsmap(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func standardInputCanBeSignedAndVerified() throws {
        let body = Data("piped body\n".utf8)
        let signed = try commsmap(
            ["sign", "-s", path("key"), "--passphrase-file", path("pass"), "-x", path("piped.minisig"), "-"],
            stdin: body)
        #expect(signed.status == 0, "\(signed.stderrText)")
        let verified = try commsmap(["verify", "-p", path("key.pub"), "-x", path("piped.minisig"), "-"], stdin: body)
        #expect(verified.status == 0, "\(verified.stderrText)")
        let tampered = try commsmap(
            ["verify", "-p", path("key.pub"), "-x", path("piped.minisig"), "-"], stdin: Data("piped body!\n".utf8))
        #expect(tampered.status == 1)
    }

    @Test(.enabled(if: ProcessRunner.which("minisign") != nil, "needs the minisign binary"))
    func minisignVerifiesWhatSignWrote() throws {
        #expect(try sign().status == 0)
        let minisign = try #require(ProcessRunner.which("minisign"))
        let result = try ProcessRunner.run(minisign, ["-V", "-p", path("key.pub"), "-m", path("report.txt")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Signature and comment signature verified"))
    }
}
