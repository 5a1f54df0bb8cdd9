import CommsMapTestSupport
import Foundation

/// A small inventory and policy set in a temporary directory, for the end-to-end tests of
/// `coverage` and `diff`.
///
/// Network `civ` uses chat (op1, E2EE), mail (op2, no E2EE), radio (op3, E2EE, works without
/// the internet) and old (op4, E2EE) for crisis coordination; network `mil` uses chat and
/// radio. The usage policy `crisis` wants E2EE and covers with 2 tools of 2 operators.
enum MappingWorkspace {
    static let files: [String: String] = [
        "Inventory/inventory.yaml": """
        title: Test inventory
        as_of: 2026-11-01
        schema: 1
        purposes:
          - id: crisis-coordination
            title: Crisis coordination
          - id: threat-intel-sharing
            title: Threat-intelligence sharing
        properties:
          - id: end_to_end_encryption
            type: bool
            description: Only the endpoints can read
          - id: internet_independent
            type: bool
            description: Works without the public internet
        """,
        "Inventory/sources.yaml": """
        sources:
          - id: doc
            title: Vendor documentation
            kind: vendor
          - id: audit
            title: Independent audit
            kind: official
        """,
        "Inventory/tools/chat.yaml": """
        id: chat
        name: Chat
        category: messenger
        operator: op1
        properties:
          end_to_end_encryption:
            value: true
            source: doc
            confidence: verified
        """,
        "Inventory/tools/mail.yaml": """
        id: mail
        name: Mail
        category: email
        operator: op2
        properties:
          end_to_end_encryption:
            value: false
            source: doc
            confidence: verified
          internet_independent:
            value: false
            source: doc
            confidence: verified
        """,
        "Inventory/tools/radio.yaml": """
        id: radio
        name: Radio
        category: secure-phone
        operator: op3
        properties:
          end_to_end_encryption:
            value: true
            source: doc
            confidence: verified
          internet_independent:
            value: true
            source: doc
            confidence: verified
        """,
        "Inventory/tools/old.yaml": """
        id: old
        name: Old system
        category: messenger
        operator: op4
        properties:
          end_to_end_encryption:
            value: true
            source: doc
            confidence: verified
        """,
        "Inventory/networks/civ.yaml": """
        id: civ
        name: Civilian network
        kind: civilian
        members:
          - id: a
            name: A
            country: FR
          - id: b
            name: B
            country: DE
        uses:
          - tool: chat
            purposes: [crisis-coordination]
            role: primary
            onboarded: all
            source: doc
          - tool: mail
            purposes: [crisis-coordination]
            role: backup
            onboarded: 1
            source: doc
          - tool: radio
            purposes: [crisis-coordination]
            role: backup
            onboarded: [a]
            source: doc
          - tool: old
            purposes: [crisis-coordination]
            role: ad-hoc
            source: doc
        """,
        "Inventory/networks/mil.yaml": """
        id: mil
        name: Military network
        kind: military
        uses:
          - tool: chat
            purposes: [crisis-coordination]
            role: primary
            source: doc
          - tool: radio
            purposes: [crisis-coordination, threat-intel-sharing]
            role: primary
            source: doc
        """,
        "Policies/crisis.yaml": """
        id: crisis
        title: Crisis coordination
        scope: usage
        applies_when: "usage.purposes contains 'crisis-coordination'"
        pass_score: 100
        coverage:
          min_tools: 2
          min_operators: 2
        criteria:
          - id: e2ee
            title: End-to-end encryption
            mandatory: true
            rule: "tool.end_to_end_encryption"
        """,
    ]

    /// The files in a fresh temporary directory, some replaced (a nil text removes one).
    static func make(replacing: [String: String?] = [:]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try write(into: directory, replacing: replacing)
        return directory
    }

    /// Writes the files into `directory`, some replaced or removed.
    static func write(into directory: TemporaryDirectory, replacing: [String: String?] = [:]) throws {
        var all: [String: String?] = files.mapValues { $0 }
        for (path, text) in replacing { all[path] = text }
        for (path, text) in all {
            if let text {
                try directory.write(path, text + "\n")
            } else {
                try? FileManager.default.removeItem(at: directory.path(path))
            }
        }
    }

    static func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments, currentDirectory: directory.url)
    }
}
