import CommsMapTestSupport
import Foundation
import SodiumKit
import Testing

@testable import ExerciseKit

/// The team journal: canonical JSON, the hash chain, what `journal verify` finds, and
/// appends from many writers at once.
@Suite struct JournalTests {
    let directory: TemporaryDirectory
    let journal: JournalFile

    init() throws {
        directory = try TemporaryDirectory(prefix: "journal")
        journal = JournalFile(path: directory.path("journal.jsonl").path)
    }

    static func draft(_ n: Int) -> JournalDraft {
        JournalDraft(
            time: Timestamp(seconds: 1_791_367_200 + Int64(n)), kind: JournalKind.open,
            fields: ["message": .string(String(format: "%032x", n)), "from": .string("cert-eu")])
    }

    func append(_ count: Int) throws {
        for n in 1...count {
            try journal.append { _ in ([Self.draft(n)], ()) }
        }
    }

    func lines() throws -> [String] {
        try String(contentsOf: directory.path("journal.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    func write(_ lines: [String]) throws {
        try directory.write("journal.jsonl", lines.map { $0 + "\n" }.joined())
    }

    func findings() throws -> [JournalFinding] { try journal.read().findings }

    @Test func canonicalJSON() throws {
        let object: [String: JournalValue] = [
            "b": .integer(-12), "a": .string("quote \" backslash \\ slash / tab \t nl \n bell \u{7} é ✓"),
            "A": .integer(0),
        ]
        let text = String(decoding: CanonicalJSON.encode(object), as: UTF8.self)
        #expect(text == #"{"A":0,"a":"quote \" backslash \\ slash / tab \t nl \n bell \u0007 é ✓","b":-12}"#)
        #expect(try CanonicalJSON.decode(Array(text.utf8)) == object)
        #expect(try CanonicalJSON.decode(Array(#"{ "a" : "\u00e9\/\ud83d\ude00" }"#.utf8)) == ["a": .string("é/😀")])
        for bad in [#"{"a":1.5}"#, #"{"a":true}"#, #"{"a":1,"a":2}"#, #"{"a":"x"} x"#, #"{"a":"\ud800"}"#, "[1]", "{"] {
            #expect(throws: CanonicalJSON.JSONSyntaxError.self) { try CanonicalJSON.decode(Array(bad.utf8)) }
        }
    }

    @Test func chainIsWellFormed() throws {
        try append(3)
        let lines = try lines()
        #expect(lines.count == 3)
        let entries = try journal.read()
        #expect(entries.isIntact)
        #expect(entries.entries.map(\.seq) == [1, 2, 3])
        #expect(entries.entries[0].prev == String(repeating: "0", count: 64))
        #expect(entries.entries[1].prev == Hex.sha256(Array(lines[0].utf8)))
        #expect(entries.entries[2].prev == Hex.sha256(Array(lines[1].utf8)))
        // The hash covers the canonical JSON without the hash key.
        let withoutHash = lines[1].replacingOccurrences(of: #","hash":"\#(entries.entries[1].hash)""#, with: "")
        #expect(entries.entries[1].hash == Hex.sha256(Array(withoutHash.utf8)))
        #expect(lines[0].hasPrefix(#"{"from":"cert-eu","hash":""#))
        #expect(lines[0].contains(#""kind":"open","message":"00000000000000000000000000000001","prev":"0000"#))
        #expect(lines[0].hasSuffix(#","seq":1,"time":"2026-10-07T10:00:01Z"}"#))
    }

    @Test func editedEntry() throws {
        try append(4)
        var lines = try lines()
        lines[1] = lines[1].replacingOccurrences(of: "cert-eu", with: "cert-xx")
        try write(lines)
        let found = try findings()
        #expect(found.map(\.line) == [2])
        #expect(found.map(\.kind) == [.edited])
    }

    @Test func editedEntryWithRecomputedHash() throws {
        try append(4)
        var lines = try lines()
        var object = try CanonicalJSON.decode(Array(lines[1].utf8))
        object["from"] = .string("cert-xx")
        object["hash"] = nil
        object["hash"] = .string(Hex.sha256(CanonicalJSON.encode(object)))
        lines[1] = String(decoding: CanonicalJSON.encode(object), as: UTF8.self)
        try write(lines)
        let found = try findings()
        #expect(found.map(\.line) == [2])
        #expect(found.map(\.kind) == [.edited])
        #expect(found.first?.message.contains("changed after") == true)
    }

    @Test func notCanonicalIsAnEdit() throws {
        try append(2)
        var lines = try lines()
        lines[0] = lines[0].replacingOccurrences(of: #"{"from""#, with: #"{ "from""#)
        try write(lines)
        #expect(try findings().map(\.kind) == [.edited])
    }

    @Test func droppedEntries() throws {
        try append(6)
        var lines = try lines()
        lines.remove(at: 3)
        lines.remove(at: 2)
        try write(lines)
        let found = try findings()
        #expect(found.map(\.kind) == [.dropped])
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message.contains("seq 3…4 are missing") == true)
    }

    @Test func droppedFirstEntry() throws {
        try append(3)
        try write(Array(try lines().dropFirst()))
        let found = try findings()
        #expect(found.map(\.kind) == [.dropped])
        #expect(found.map(\.line) == [1])
    }

    @Test func reorderedEntries() throws {
        try append(5)
        var lines = try lines()
        lines.swapAt(2, 3)
        try write(lines)
        let found = try findings()
        #expect(found.map(\.kind) == [.reordered])
        #expect(found.map(\.line) == [4])
    }

    @Test func duplicatedEntry() throws {
        try append(3)
        var lines = try lines()
        lines.append(lines[1])
        try write(lines)
        #expect(try findings().map(\.kind) == [.reordered])
    }

    @Test func cutLastLineAndGarbage() throws {
        try append(3)
        let text = try String(contentsOf: directory.path("journal.jsonl"), encoding: .utf8)
        try directory.write("journal.jsonl", String(text.dropLast(10)))
        let found = try findings()
        #expect(Set(found.map(\.kind)) == [.unterminated, .malformed])
        #expect(found.allSatisfy { $0.line == 3 })

        try write(["not json"])
        #expect(try findings().map(\.kind) == [.malformed])

        // A later version's entries are not read as version 1.
        try write([#"{"hash":"00","journal":2,"kind":"open","prev":"00","seq":1,"time":"2026-10-07T10:00:00Z"}"#])
        #expect(try findings().first?.message.contains("journal version 2") == true)
    }

    /// A dropped tail leaves a valid chain: the limit the protocol document states.
    @Test func droppedTailIsUndetectable() throws {
        try append(4)
        try write(Array(try lines().dropLast()))
        #expect(try findings().isEmpty)
    }

    @Test func damagedJournalIsNotExtended() throws {
        try append(2)
        var lines = try lines()
        lines[0] = lines[0].replacingOccurrences(of: "cert-eu", with: "cert-xx")
        try write(lines)
        let error = ExerciseFixture.error { try journal.append { _ in ([Self.draft(9)], ()) } }
        guard case .journalDamaged(let found)? = error else {
            Issue.record("appended to a damaged journal: \(String(describing: error))")
            return
        }
        #expect(found.first?.line == 1)
        #expect(try self.lines().count == 2)
    }

    @Test func missingJournalCannotBeRead() {
        let missing = JournalFile(path: directory.path("none.jsonl").path)
        guard case .journalUnavailable? = ExerciseFixture.error({ _ = try missing.read() }) else {
            Issue.record("a missing journal was read")
            return
        }
    }

    /// Eight threads append 25 entries each, each through its own open file: `flock` locks
    /// belong to the open file description, so they exclude each other as processes would
    /// (the CLI tests also run several `exercise open` processes on one journal). Every entry
    /// lands, the chain stays intact, seq runs 1…200.
    @Test func concurrentAppendsKeepTheChain() throws {
        let path = journal.path
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            let own = JournalFile(path: path)
            for n in 0..<25 {
                _ = try? own.append { _ in ([Self.draft(writer * 100 + n)], ()) }
            }
        }
        let contents = try journal.read()
        #expect(contents.isIntact)
        #expect(contents.entries.map(\.seq) == Array(1...200))
        #expect(Set(contents.entries.compactMap { $0.string("message") }).count == 200)
    }

    /// A body that throws (a replay, a failed check) appends nothing.
    @Test func throwingBodyAppendsNothing() throws {
        try append(1)
        _ = ExerciseFixture.error {
            try journal.append { _ -> ([JournalDraft], Void) in
                throw ExerciseError.replayed(id: "x", firstOpenedAt: nil)
            }
        }
        #expect(try lines().count == 1)
    }
}
